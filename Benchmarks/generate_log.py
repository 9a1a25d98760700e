#!/usr/bin/env python3
"""Deterministic generator of a realistic Apache/nginx *combined* access log.

    python3 Benchmarks/generate_log.py --lines 10000000 --seed 20261001 \
        --out Benchmarks/data/access-10M.log [--gzip] [--start 2026-10-01T00:00:00] [--days 30]

The same --lines/--seed/--start/--days always give the same bytes (stdlib only; no set or
hash ordering is ever iterated). With --gzip the output is piped through `gzip -c -6`, which
runs in its own process, so compression overlaps generation on a second core; that was
measured faster than Python's in-process gzip module at level 6 (see Benchmarks/README.md).

Shape of the log (figures measured on 10M lines are in Benchmarks/README.md):

- ~50k client addresses (about 5% IPv6); a few addresses are shared by several user agents
  (NAT, offices). Crawlers come from their own address ranges.
- Visits, not independent hits: a pool of concurrently active visits is kept; each step picks
  one visit, which requests its next page and then that page's assets (CSS/JS/fonts/images on
  the first page of a visit, mostly images afterwards; returning visits revalidate with 304).
  The next page is chosen by where the visitor is (product -> related product, cart/add,
  cart -> checkout -> /checkout/complete?order=N ...). Page-to-page and asset requests carry
  the previous page as referrer, landings carry an external referrer (search engines, social,
  other sites, webmail; ~2k external referrers) or '-' (direct, privacy-stripped).
- Landing channels: direct, organic search, social, referral, paid search (utm_* and gclid or
  msclkid), paid social (utm_* and fbclid), e-mail (utm_*).
- ~20k distinct paths (before '?'), Zipf-like popularity: /product/sku-1234, /blog/<slug>,
  /category/<a>/<b>, /search?q=..., /cart/add?sku=..., /checkout/complete?order=...,
  static assets (~40% of hits); some percent-encoded paths and queries, a few raw UTF-8
  paths and a few nginx-style \\xNN escapes.
- ~500 user agents: real browser families (Chrome, Safari, Firefox, Edge, Samsung Internet,
  Opera, in-app) and ~15% of hits from bots (Googlebot, bingbot, AhrefsBot, SemrushBot,
  GPTBot, curl, python-requests, vulnerability scanners ...).
- Status mix: 200 ~85%, 304, 301/302, 404 ~3%, 206, 400/403, rare 500/502/503;
  bytes '-' where Apache's %b logs it (304, some HEAD/redirects).
- Timestamps `[dd/Mon/yyyy:HH:MM:SS +0000]` increase over --days with a day/night rhythm and
  jitter; ~1% of lines are 1-2 s older than their predecessor (logs are written when the
  request completes, so real logs are only nearly sorted).
- 0.01% malformed lines (truncated, binary garbage incl. NUL and invalid UTF-8, empty) to
  exercise parsers' rejection paths, plus rare well-formed oddities (TLS handshake on port
  80, request '-', an escaped quote in a user agent, a 4-8 KB query string).

Every output has exactly --lines newline-terminated lines.
"""
import argparse
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from random import Random

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HOST = "https://shop.example"
BOT_VISITS = 0.20         # share of new visits that are bots: bots make ~15% of hits
ACTIVE_VISITS = 240          # concurrently active visits: the gap between two pages of a visit
CHUNK_LINES = 65_536         # lines joined and written at once

# Hits per hour of day (UTC), normalised below to a mean of 1.
DIURNAL = (0.35, 0.25, 0.2, 0.18, 0.2, 0.3, 0.5, 0.8, 1.0, 1.15, 1.2, 1.2,
           1.25, 1.2, 1.15, 1.15, 1.2, 1.3, 1.45, 1.6, 1.6, 1.4, 1.0, 0.6)

WORDS = ("red", "blue", "black", "navy", "wool", "linen", "cotton", "merino", "boots", "coat",
         "scarf", "jacket", "dress", "shirt", "summer", "winter", "classic", "slim", "relaxed",
         "guide", "how-to", "care", "style", "best", "new", "sale", "gift", "leather", "suede",
         "rain", "trail", "city", "weekend", "travel", "layering", "capsule", "wardrobe", "tips",
         "caf%C3%A9", "cr%C3%A8me", "na%C3%AFve", "se%C3%B1or", "stra%C3%9Fe", "%C3%B8ko")
CATEGORIES = ("women", "men", "kids", "home", "accessories", "shoes", "outdoor", "sale", "new-in")
SUBCATS = ("coats", "jackets", "knitwear", "shirts", "trousers", "dresses", "boots", "sneakers",
           "bags", "scarves", "hats", "socks", "bedding", "kitchen", "candles", "gloves", "belts",
           "wallets", "rainwear", "swimwear")
SEARCH_TERMS = ("wool coat", "rain jacket", "boots", "gift card", "linen shirt", "merino",
                "black dress", "scarf", "size guide", "returns", "café crème mug", "naïve print",
                "señor hat", "straße", "øko cotton", "sale", "kids boots", "leather belt",
                "wallet", "candle", "weekend bag", "gloves", "beanie", "trail shoes", "socks")


def percent_encode_query(text):
    """Form-encodes text the way browsers put it in ?q= (UTF-8, space as '+')."""
    out = []
    for b in text.encode("utf-8"):
        c = chr(b)
        if c.isalnum() and b < 128 or c in "-_.~":
            out.append(c)
        elif c == " ":
            out.append("+")
        else:
            out.append("%%%02X" % b)
    return "".join(out)


class Pools:
    """Everything drawn from per line, built once from the seed."""

    def __init__(self, rng):
        r = rng.random

        # --- clients -------------------------------------------------------------------
        ipv4_first = [a for a in range(1, 224) if a not in (10, 127, 100, 169, 172, 192)]
        ips = []
        for _ in range(49_200):
            if r() < 0.05:
                ips.append("%s:%x:%x:%x:%x:%x:%x" % (   # a /32 of a large ISP, then six groups
                    rng.choice(("2a02:810d", "2a01:cb00", "2600:1700", "2a00:23c8", "2001:16b8", "2003:e6")),
                    rng.randrange(65536), rng.randrange(65536), rng.randrange(65536), rng.randrange(65536),
                    rng.randrange(65536), rng.randrange(65536)) if r() < 0.6 else
                    "2a0%x:%x:%x::%x" % (rng.randrange(1, 10), rng.randrange(65536), rng.randrange(65536),
                                         rng.randrange(1, 65536)))
            else:
                ips.append("%d.%d.%d.%d" % (rng.choice(ipv4_first), rng.randrange(256), rng.randrange(256),
                                            rng.randrange(1, 255)))
        self.ips = ips

        # --- user agents: ~425 browsers, ~75 bots ----------------------------------------
        browsers = []
        seen = set()   # membership only, never iterated: keeps the output independent of hashing
        win = ("Windows NT 10.0; Win64; x64",)
        mac = ("Macintosh; Intel Mac OS X 10_15_7",)
        while len(browsers) < 425:   # distinct strings
            k = r()
            cv = rng.randrange(112, 132)
            if k < 0.34:
                ua = "Mozilla/5.0 (%s) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.0.0 Safari/537.36" % (
                    rng.choice(win + mac + ("X11; Linux x86_64", "X11; CrOS x86_64 14541.0.0")), cv)
            elif k < 0.54:
                ua = ("Mozilla/5.0 (Linux; Android %d; %s) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/%d.0.%d.%d Mobile Safari/537.36") % (
                    rng.randrange(10, 15), rng.choice(("K", "SM-S918B", "Pixel 8", "SM-A546B", "moto g 5G", "22101316G")),
                    cv, rng.randrange(5000, 6800), rng.randrange(50, 200))
                if r() < 0.75:   # Chrome's reduced user agent
                    ua = ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                          "Chrome/%d.0.0.0 Mobile Safari/537.36") % cv
            elif k < 0.70:
                v = "%d_%d" % (rng.randrange(15, 18), rng.randrange(0, 7))
                ua = ("Mozilla/5.0 (iPhone; CPU iPhone OS %s like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                      "Version/%s Mobile/15E148 Safari/604.1") % (v, v.replace("_", "."))
            elif k < 0.74:
                ua = ("Mozilla/5.0 (iPad; CPU OS %d_%d like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                      "Version/%d.%d Mobile/15E148 Safari/604.1") % (rng.randrange(15, 18), rng.randrange(0, 7),
                                                                   rng.randrange(15, 18), rng.randrange(0, 7))
            elif k < 0.80:
                ua = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                      "Version/%d.%d Safari/605.1.15") % (rng.randrange(15, 18), rng.randrange(0, 7))
            elif k < 0.89:
                fv = rng.randrange(115, 133)
                ua = "Mozilla/5.0 (%s; rv:%d.0) Gecko/20100101 Firefox/%d.0" % (
                    rng.choice(win + ("Macintosh; Intel Mac OS X 10.15", "X11; Ubuntu; Linux x86_64",
                                      "X11; Linux x86_64", "Android 14; Mobile")), fv, fv)
            elif k < 0.95:
                ua = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/%d.0.0.0 Safari/537.36 Edg/%d.0.%d.%d") % (cv, cv, rng.randrange(1000, 3000),
                                                                       rng.randrange(10, 99))
            elif k < 0.97:
                ua = ("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "SamsungBrowser/%d.0 Chrome/%d.0.0.0 Mobile Safari/537.36") % (rng.randrange(22, 26), cv)
            elif k < 0.99:
                ua = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                      "Chrome/%d.0.0.0 Safari/537.36 OPR/%d.0.0.0") % (cv, cv - 14)
            else:
                ua = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_%d like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                      "Mobile/15E148 %s") % (rng.randrange(0, 7), rng.choice((
                          "[FBAN/FBIOS;FBAV/%d.0.0.41.108;FBBV/%d;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5]" % (
                              rng.randrange(440, 470), rng.randrange(500000000, 600000000)),
                          "Instagram %d.0.0.24.118 (iPhone14,5; iOS 17_4; en_US; en; scale=3.00; 1170x2532; %d)" % (
                              rng.randrange(300, 330), rng.randrange(500000000, 600000000)))))
            if ua not in seen:
                seen.add(ua)
                browsers.append(ua)
        # Popular versions dominate: sort is not needed, Zipf over the list order is enough.
        self.browsers = browsers

        crawler_specs = [  # (user agent, weight, address prefix, behaviour)
            ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 14, "66.249.%d.%d", "crawl"),
            ("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/%d.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
             14, "66.249.%d.%d", "crawl"),
            ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", 8, "40.77.%d.%d", "crawl"),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) "
             "Chrome/%d.0.0.0 Safari/537.36", 6, "157.55.%d.%d", "crawl"),
            ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", 10, "54.36.%d.%d", "crawl"),
            ("Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", 8, "185.191.%d.%d", "crawl"),
            ("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", 3, "5.255.%d.%d", "crawl"),
            ("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", 2, "116.179.%d.%d", "crawl"),
            ("DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", 2, "20.191.%d.%d", "crawl"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Version/17.4 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)", 3, "17.241.%d.%d", "crawl"),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.%d; +https://openai.com/gptbot)",
             5, "20.171.%d.%d", "crawl"),
            ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
             3, "3.12.%d.%d", "crawl"),
            ("Mozilla/5.0 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)", 2, "114.119.%d.%d", "crawl"),
            ("Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)", 2, "144.76.%d.%d", "crawl"),
            ("Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)", 2, "216.244.%d.%d", "crawl"),
            ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", 3, "69.171.%d.%d", "preview"),
            ("Twitterbot/1.0", 1, "199.16.%d.%d", "preview"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/%d.0.0.0 "
             "Safari/537.36", 3, "35.%d.%d.7", "crawl"),
            ("curl/8.%d.0", 3, "203.0.%d.%d", "monitor"),
            ("python-requests/2.%d.0", 6, "34.%d.%d.9", "scan"),
            ("Go-http-client/1.1", 4, "45.%d.%d.3", "scan"),
            ("Wget/1.21.%d", 1, "91.%d.%d.5", "monitor"),
            ("Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", 3, "69.162.%d.%d", "monitor"),
            ("Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", 1, "178.255.%d.%d", "monitor"),
            ("Mozilla/5.0 zgrab/0.x", 2, "167.94.%d.%d", "scan"),
            ("-", 2, "80.82.%d.%d", "scan"),
        ]
        bots = []      # (ua, ip list, behaviour)
        weights = []
        for spec, weight, prefix, behaviour in crawler_specs:
            variants = 4 if "%d" in spec else 1
            for v in range(variants):
                ua = spec % rng.randrange(0, 10 if spec.startswith(("curl", "python", "Wget")) else 131) \
                    if "%d" in spec else spec
                if "Chrome/%d" in spec or "HeadlessChrome" in spec:
                    ua = spec % rng.randrange(118, 132)
                addrs = [prefix % (rng.randrange(64, 80) if prefix.startswith("66.249") else rng.randrange(256),
                                   rng.randrange(1, 255)) for _ in range(rng.randrange(3, 40))]
                bots.append((ua, addrs, behaviour))
                weights.append(weight / variants)
        # Cumulative weights for a cheap weighted pick.
        total = sum(weights)
        acc = 0.0
        self.bot_cdf = []
        for w in weights:
            acc += w / total
            self.bot_cdf.append(acc)
        self.bots = bots

        # --- visitors: an address and a browser; some addresses are shared (NAT) ---------
        visitors = []
        for i, ip in enumerate(ips):
            n = 1 if r() < 0.9 else rng.randrange(2, 5)
            for _ in range(n):
                ua = browsers[min(int(len(browsers) * r() ** 2.2), len(browsers) - 1)]
                visitors.append((ip + " - - [", ua))
        rng.shuffle(visitors)
        self.visitors = visitors
        self.strip_referrer = [r() < 0.15 for _ in visitors]   # privacy settings, in-app browsers

        # --- site ---------------------------------------------------------------------
        def slug(parts):
            return "-".join(rng.choice(WORDS) for _ in range(parts))

        self.products = ["/product/sku-%d" % n for n in rng.sample(range(1000, 10000), 4600)]
        self.product_images = ["/img/products/%s-%d.jpg" % (p.rsplit("/", 1)[1], rng.randrange(1, 4))
                               for p in self.products]
        self.product_thumbs = ["/img/products/thumbs/%s.webp" % p.rsplit("/", 1)[1] for p in self.products]
        articles = []
        for i in range(2600):
            articles.append("/blog/%s-%d" % (slug(rng.randrange(2, 5)), 100 + i))
        # A few articles are logged with raw UTF-8 or nginx \xNN escapes instead of %XX.
        self.articles = articles
        self.article_images = ["/img/blog/%s.jpg" % a.rsplit("/", 1)[1].replace("%", "") for a in articles]
        self.categories = sorted({"/category/%s/%s" % (c, s) for c in CATEGORIES for s in SUBCATS})
        rng.shuffle(self.categories)
        self.searches = ["/search?q=" + percent_encode_query(t) for t in SEARCH_TERMS] + [
            "/search?q=" + percent_encode_query(" ".join(rng.choice(SEARCH_TERMS).split()[:1] +
                                                         [rng.choice(WORDS).replace("%", "")]))
            for _ in range(600)]
        self.static_first = (["/static/css/app.%08x.css" % rng.randrange(1 << 32) for _ in range(6)],
                             ["/static/js/chunk-%s.%08x.js" % (rng.choice(("vendor", "app", "runtime", "checkout",
                                                                          "product", "blog", "search")),
                                                             rng.randrange(1 << 32)) for _ in range(40)],
                             ["/fonts/inter-%s.woff2" % w for w in ("regular", "medium", "bold", "italic")])
        self.always_assets = ["/favicon.ico", "/img/logo.svg", "/manifest.webmanifest"]
        self.media = ["/media/video/%s.mp4" % p.rsplit("/", 1)[1] for p in self.products[:400]]
        self.other_pages = ["/", "/cart", "/account/login", "/account/register", "/account/orders", "/about",
                            "/contact", "/shipping", "/returns", "/size-guide", "/stores", "/gift-cards",
                            "/downloads/size%20guide%202026.pdf", "/careers", "/privacy", "/terms", "/blog",
                            "/sale", "/new-in"]
        self.probes = ["/wp-login.php", "/.env", "/xmlrpc.php", "/wp-admin/setup-config.php", "/.git/config",
                       "/phpmyadmin/index.php", "/admin/config.php", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
                       "/cgi-bin/luci/;stok=/locale", "/boaform/admin/formLogin", "/.aws/credentials",
                       "/server-status", "/api/v1/pods", "/owa/auth/logon.aspx", "/.DS_Store",
                       "/wp-content/plugins/wp-file-manager/readme.txt", "/actuator/health", "/config.json",
                       "/HNAP1/", "/solr/admin/info/system?wt=json", "/index.php?s=/Index/\\think\\app/invokefunction"]

        # Sizes are a property of the resource: the same file is always the same size.
        size_of = {}
        for lst, lo, hi in ((self.product_images, 40_000, 260_000), (self.product_thumbs, 4_000, 18_000),
                            (self.article_images, 60_000, 420_000), (self.static_first[0], 20_000, 90_000),
                            (self.static_first[1], 3_000, 400_000), (self.static_first[2], 20_000, 48_000),
                            (self.always_assets, 1_000, 16_000), (self.media, 2_000_000, 30_000_000),
                            (self.products, 38_000, 64_000), (self.articles, 30_000, 90_000),
                            (self.categories, 50_000, 120_000), (self.other_pages, 8_000, 40_000)):
            for p in lst:
                size_of[p] = rng.randrange(lo, hi)
        self.size_of = size_of

        # --- referrers: ~2k external ------------------------------------------------------
        engines = ["https://www.google.%s/" % tld for tld in ("com", "de", "co.uk", "fr", "nl", "es", "it", "at",
                                                              "ch", "se", "pl", "com.au", "ca", "be", "dk")]
        engines += ["https://www.bing.com/", "https://duckduckgo.com/", "https://search.yahoo.com/",
                    "https://www.ecosia.org/", "https://yandex.ru/", "https://search.brave.com/",
                    "https://www.qwant.com/", "android-app://com.google.android.googlequicksearchbox/"]
        self.engines = engines
        social = []
        for _ in range(700):
            k = r()
            if k < 0.3:
                social.append("https://t.co/%s" % "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                                                           for _ in range(10)))
            elif k < 0.5:
                social.append(rng.choice(("https://l.facebook.com/", "https://m.facebook.com/", "https://www.facebook.com/",
                                          "https://lm.facebook.com/", "https://www.instagram.com/", "https://l.instagram.com/")))
            elif k < 0.7:
                social.append("https://www.pinterest.%s/pin/%d/" % (rng.choice(("com", "de", "co.uk", "fr")),
                                                                    rng.randrange(10 ** 14, 10 ** 15)))
            elif k < 0.85:
                social.append("https://www.reddit.com/r/%s/comments/%s/%s/" % (
                    rng.choice(("femalefashionadvice", "malefashionadvice", "BuyItForLife", "frugalmalefashion",
                                "hiking", "goodyearwelt")),
                    "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(7)), slug(3)))
            else:
                social.append(rng.choice(("https://www.youtube.com/", "https://www.linkedin.com/", "https://www.tiktok.com/",
                                          "https://out.reddit.com/", "https://www.threads.net/", "https://bsky.app/")))
        self.social = social
        sites = ["www.vogue.com", "www.gq.com", "www.theguardian.com", "www.nytimes.com", "wirecutter.com",
                 "www.spiegel.de", "www.lemonde.fr", "medium.com", "substack.com", "www.trustpilot.com",
                 "www.idealo.de", "www.pricerunner.com", "www.kelkoo.com", "forum.example.org", "blog.example.net",
                 "news.ycombinator.com", "www.ebay.com", "www.amazon.com", "lens.google.com", "chatgpt.com"]
        referral = []
        for _ in range(1250):
            site = rng.choice(sites)
            referral.append("https://%s/%s/%s" % (site, rng.choice(("article", "review", "2026", "p", "stories", "best")),
                                                  slug(rng.randrange(2, 6))))
        referral += ["https://%s/" % s for s in sites]
        self.referral = referral
        self.webmail = ["https://mail.google.com/", "https://outlook.live.com/", "https://mail.yahoo.com/",
                        "https://web.de/", "https://www.gmx.net/"]
        self.campaigns = ["fall-sale-%d" % i for i in range(12)] + ["brand", "brand-exact", "shopping-pmax",
                                                                    "retargeting", "black-friday-2026", "newsletter-w%d" % 44,
                                                                    "newsletter-w45", "newsletter-w46", "newsletter-w47"]


class Visit:
    """One visit: who, what kind, where they are, how many pages remain."""
    __slots__ = ("prefix", "ua", "kind", "left", "url", "first", "nostrip", "landing_ref", "sku", "returning")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lines", type=int, default=10_000_000, help="exact number of lines to write")
    ap.add_argument("--seed", type=int, default=20261001, help="random seed (same seed, same bytes)")
    ap.add_argument("--out", required=True, help="output path ('-' for stdout)")
    ap.add_argument("--gzip", action="store_true", help="gzip the output (level 6, through `gzip -c -6`)")
    ap.add_argument("--start", default="2026-10-01T00:00:00", help="UTC time of the first line")
    ap.add_argument("--days", type=float, default=30.0, help="time span the lines are spread over")
    args = ap.parse_args()
    if args.lines < 0 or args.days <= 0:
        ap.error("--lines must be >= 0 and --days > 0")

    rng = Random(args.seed)
    P = Pools(rng)
    r = rng.random

    # ---- output ----------------------------------------------------------------------------
    gz_proc = None
    if args.gzip:
        sink_file = sys.stdout.buffer if args.out == "-" else open(args.out, "wb")
        gz_proc = subprocess.Popen(["gzip", "-c", "-6"], stdin=subprocess.PIPE, stdout=sink_file, bufsize=1 << 20)
        out = gz_proc.stdin
    else:
        out = sys.stdout.buffer if args.out == "-" else open(args.out, "wb", buffering=1 << 20)

    # ---- clock -------------------------------------------------------------------------------
    start = datetime.fromisoformat(args.start).replace(tzinfo=timezone.utc)
    base_step = args.days * 86400.0 / max(args.lines, 1)
    mean_w = sum(DIURNAL) / 24
    start_sec_of_day = start.hour * 3600 + start.minute * 60 + start.second
    hour_step = [base_step * 2.0 / (w / mean_w) for w in DIURNAL]   # x2: the jitter r() averages 0.5
    midnight = start.replace(hour=0, minute=0, second=0)
    day_strs = []
    hms = ["%02d:%02d:%02d +0000" % (s // 3600, s // 60 % 60, s % 60) for s in range(86400)]

    def stamp(sec):
        """'dd/Mon/yyyy:HH:MM:SS +0000' for sec seconds after --start."""
        s = sec + start_sec_of_day
        day = s // 86400
        while len(day_strs) <= day:
            d = midnight + timedelta(days=len(day_strs))
            day_strs.append("%02d/%s/%d:" % (d.day, MONTHS[d.month - 1], d.year))
        return day_strs[day] + hms[s % 86400]

    # ---- local aliases for the hot loop ------------------------------------------------------
    visitors, strip_referrer = P.visitors, P.strip_referrer
    n_visitors = len(visitors)
    products, n_products = P.products, len(P.products)
    product_images, product_thumbs = P.product_images, P.product_thumbs
    articles, n_articles, article_images = P.articles, len(P.articles), P.article_images
    categories, n_categories = P.categories, len(P.categories)
    searches, n_searches = P.searches, len(P.searches)
    css, js, fonts = P.static_first
    always_assets, media, other_pages, probes = P.always_assets, P.media, P.other_pages, P.probes
    size_of = P.size_of
    product_index = {p: i for i, p in enumerate(products)}
    article_index = {a: i for i, a in enumerate(articles)}
    engines, social, referral, webmail, campaigns = P.engines, P.social, P.referral, P.webmail, P.campaigns
    bots, bot_cdf = P.bots, P.bot_cdf
    order_no = [100_000]
    gclid_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    def token(n):
        return "".join([gclid_chars[int(r() * 64)] for _ in range(n)])

    def zipf(n, a=3.0):
        return min(int(n * r() ** a), n - 1)

    def new_visit():
        v = Visit()
        v.first = True
        v.sku = None
        if r() < BOT_VISITS:     # a bot visit; bot visits are longer, their share of hits lands near 15%
            x = r()
            i = 0
            while bot_cdf[i] < x:
                i += 1
            ua, addrs, behaviour = bots[i]
            v.prefix = addrs[int(r() * len(addrs))] + " - - ["
            v.ua = ua
            v.kind = behaviour
            v.left = {"crawl": 3 + int(r() * 8), "scan": 2 + int(r() * 9), "monitor": 1,
                      "preview": 1 + int(r() * 2)}[behaviour]
            v.url = None
            v.nostrip = False
            v.landing_ref = "-"
            v.returning = False
            return v
        vi = zipf(n_visitors, 1.6)
        v.prefix, v.ua = visitors[vi]
        v.nostrip = not strip_referrer[vi]
        v.kind = "human"
        v.left = 1 + int(r() ** 1.7 * 11)
        v.returning = r() < 0.45
        # Landing channel, page and referrer.
        x = r()
        qs = ""
        if x < 0.35:
            ref = "-"
        elif x < 0.69:
            ref = engines[zipf(len(engines), 2.0)]
        elif x < 0.77:
            ref = social[int(r() * len(social))]
        elif x < 0.83:
            ref = referral[int(r() * len(referral))]
        elif x < 0.92:
            eng = "google" if r() < 0.85 else "bing"
            ref = "https://www.google.com/" if eng == "google" else "https://www.bing.com/"
            qs = "utm_source=%s&utm_medium=cpc&utm_campaign=%s&%s=%s" % (
                eng, campaigns[int(r() * len(campaigns))], "gclid" if eng == "google" else "msclkid",
                token(40 + int(r() * 50)) if eng == "google" else token(32).lower())
        elif x < 0.955:
            ref = "https://l.facebook.com/" if r() < 0.6 else "https://l.instagram.com/"
            qs = "utm_source=%s&utm_medium=paid_social&utm_campaign=%s&fbclid=%s" % (
                "facebook" if ref[10] == "f" else "instagram", campaigns[int(r() * len(campaigns))],
                token(30 + int(r() * 30)))
        else:
            ref = webmail[int(r() * len(webmail))] if r() < 0.3 else "-"
            qs = "utm_source=newsletter&utm_medium=email&utm_campaign=%s&utm_content=%s" % (
                campaigns[-1 - int(r() * 4)], ("hero", "product-grid", "footer", "cta")[int(r() * 4)])
        v.landing_ref = ref if v.nostrip else "-"
        y = r()
        if y < 0.45:
            page = products[zipf(n_products)]
            v.sku = page
        elif y < 0.68:
            page = articles[zipf(n_articles, 2.5)]
        elif y < 0.83:
            page = categories[zipf(n_categories, 2.0)]
        elif y < 0.97:
            page = "/"
        else:
            page = other_pages[int(r() * len(other_pages))]
        if qs:
            page = page + ("&" if "?" in page else "?") + qs
        v.url = page
        return v

    def next_page(v):
        """Where a human goes from v.url; returns (method, path)."""
        cur = v.url
        y = r()
        if cur.startswith("/cart/add"):
            return "GET", "/cart"
        if cur == "/cart":
            if y < 0.45:
                return "GET", "/checkout"
            return "GET", products[zipf(n_products)]
        if cur == "/checkout":
            if y < 0.55:
                order_no[0] += 1
                v.left = min(v.left, 2)
                return "GET", "/checkout/complete?order=%d" % order_no[0]
            return "GET", "/cart"
        if v.sku is not None and y < 0.09:
            return "POST", "/cart/add?sku=%s&qty=%d" % (v.sku[13:], 1 + (r() < 0.15))
        if y < 0.42:
            p = products[zipf(n_products)]
            v.sku = p
            return "GET", p
        if y < 0.58:
            return "GET", categories[zipf(n_categories, 2.0)] + ("" if r() < 0.75 else "?page=%d&sort=%s" % (
                2 + int(r() * 4), ("price-asc", "price-desc", "new", "popular")[int(r() * 4)]))
        if y < 0.72:
            return "GET", articles[zipf(n_articles, 2.5)]
        if y < 0.82:
            return "GET", searches[zipf(n_searches, 2.0)]
        if y < 0.86:
            return "GET", "/cart"
        if y < 0.90:
            return "GET", "/"
        return "GET", other_pages[int(r() * len(other_pages))]

    # ---- generate ----------------------------------------------------------------------------
    active = [new_visit() for _ in range(ACTIVE_VISITS)]
    chunk = []
    append = chunk.append
    written = 0
    t = 0.0
    last_sec = -1
    cur_stamp = ""
    target = args.lines
    while written < target:
        slot = int(r() * ACTIVE_VISITS)
        v = active[slot]
        prefix, ua = v.prefix, v.ua
        kind = v.kind
        proto = "HTTP/1.1" if (r() < 0.45 or kind != "human") else "HTTP/2.0"
        reqs = []   # (method, path, status, size, referrer)
        if kind == "human":
            if v.first:
                method, path = "GET", v.url
                ref = v.landing_ref
            else:
                method, path = next_page(v)
                ref = HOST + v.url if v.nostrip else "-"
                v.url = path
            q = path.find("?")
            base = path if q < 0 else path[:q]
            x = r()
            if method == "POST" or base == "/account/orders":
                status, size = 302, "-"
            elif x < 0.02:      # discontinued products, removed articles and categories
                if base[:7] in ("/produc", "/blog/1", "/catego"):
                    status, size = 404, "%d" % (8_000 + int(r() * 900))
                else:
                    status, size = 200, "%d" % (size_of.get(base, 24_000) + int(r() * 2_000))
            elif x < 0.0206:    # rare server errors
                status, size = 500 if x < 0.0204 else 503 if x < 0.0205 else 502, "%d" % (300 + int(r() * 600))
            elif x < 0.035:
                status, size = 301, "%d" % (230 + int(r() * 40))
            elif x < 0.09 and v.returning and not v.first:   # back/forward revalidation
                status, size = 304, "-"
            else:
                status = 200
                size = "%d" % (size_of.get(base, 24_000) + int(r() * 2_000))
            reqs.append((method, path, status, size, ref))
            if status == 200 or status == 304:
                page_ref = HOST + path if v.nostrip else "-"
                assets = []
                first, returning = v.first, v.returning
                if first and (not returning or r() < 0.3):
                    # Static files: fetched on a new visitor's first page; a returning browser
                    # has them cached and sometimes revalidates (304 below).
                    assets.append(css[int(r() * len(css))])
                    assets.append(js[int(r() * 6)])
                    if r() < 0.5:
                        assets.append(js[int(r() * len(js))])
                    if r() < 0.3:
                        assets.append(fonts[int(r() * len(fonts))])
                    if r() < 0.3:
                        assets.append(always_assets[int(r() * len(always_assets))])
                    revalidate = 0.8 if returning else 0.0
                else:
                    revalidate = 0.2 if returning else 0.0
                if base.startswith("/product/"):
                    if first or r() < 0.45:
                        pi = product_index.get(base, 0)
                        assets.append(product_images[pi] if first or r() < 0.5 else product_thumbs[pi])
                    if r() < 0.1:
                        assets.append(product_thumbs[zipf(n_products)])
                    if r() < 0.01:
                        assets.append(media[int(r() * len(media))])
                elif base.startswith("/blog/"):
                    if first or r() < 0.5:
                        assets.append(article_images[article_index.get(base, 0)])
                elif base.startswith("/category/") or base == "/":
                    for _ in range(int(r() * 2.2)):
                        assets.append(product_thumbs[zipf(n_products)])
                for a in assets:
                    y = r()
                    if a.endswith(".mp4"):
                        full = size_of[a]
                        if y < 0.7:
                            lo = int(r() * full * 0.8)
                            reqs.append(("GET", a, 206, "%d" % min(full - lo, 1 + int(r() * 4_000_000)), page_ref))
                        else:
                            reqs.append(("GET", a, 200, "%d" % full, page_ref))
                    elif y < revalidate:
                        reqs.append(("GET", a, 304, "-", page_ref))
                    elif y < revalidate + 0.02:
                        reqs.append(("GET", a, 404, "%d" % (150 + int(r() * 50)), page_ref))
                    else:
                        reqs.append(("GET", a, 200, "%d" % size_of.get(a, 9_000), page_ref))
            v.first = False
        elif kind == "crawl":
            if v.first and r() < 0.5:
                reqs.append(("GET", "/robots.txt", 200, "412", "-"))
            y = r()
            if y < 0.55:
                path = products[int(r() * n_products)]
            elif y < 0.8:
                path = articles[int(r() * n_articles)]
            elif y < 0.9:
                path = categories[int(r() * n_categories)]
            elif y < 0.94:
                path = "/sitemap%s.xml" % ("" if r() < 0.3 else "-products-%d" % int(r() * 7))
            elif y < 0.97:
                path = product_images[int(r() * n_products)]
            else:
                path = "/blog/%s-%d" % ("old-post", int(r() * 900))     # gone
            x = r()
            if path.startswith("/blog/old-post"):
                status, size = (404 if x < 0.7 else 410), "%d" % (8_000 + int(r() * 900))
            elif x < 0.12:
                status, size = 304, "-"
            elif x < 0.15:
                status, size = 301, "%d" % (230 + int(r() * 40))
            else:
                status, size = 200, "%d" % (size_of.get(path, 30_000) + int(r() * 2_000))
            reqs.append(("GET", path, status, size, "-"))
            v.first = False
        elif kind == "scan":
            x = r()
            path = probes[int(r() * len(probes))]
            if x < 0.06:
                reqs.append(("GET", "/", 200, "%d" % (size_of["/"]), "-"))
            elif x < 0.12:
                reqs.append(("POST", path, 403, "%d" % (150 + int(r() * 50)), "-"))
            elif x < 0.15:
                reqs.append(("GET", path, 400, "%d" % (150 + int(r() * 50)), "-"))
            else:
                reqs.append(("GET", path, 404, "%d" % (150 + int(r() * 50)), "-" if r() < 0.8 else HOST + "/"))
        elif kind == "monitor":
            if r() < 0.5:
                reqs.append(("HEAD", "/", 200, "-", "-"))
            else:
                reqs.append(("GET", "/health" if r() < 0.5 else "/", 200, "%d" % (2 if r() < 0.5 else size_of["/"]), "-"))
        else:  # link preview
            reqs.append(("GET", products[zipf(n_products)] if r() < 0.6 else articles[zipf(n_articles, 2.5)],
                         200, "%d" % (30_000 + int(r() * 30_000)), "-"))

        # Clock: the step follows the hour of day; a page's assets come in the same second or the next.
        hod = int((t + start_sec_of_day) // 3600) % 24
        step = hour_step[hod]
        t += step * r() * (1.0 + 0.7 * (len(reqs) - 1))
        for method, path, status, size, ref in reqs:
            sec = int(t)
            t += step * 0.3 * r()    # the next asset, shortly after; mean step per line stays step / 2
            if sec != last_sec:
                cur_stamp = stamp(sec)
                last_sec = sec
            line_stamp = cur_stamp
            if r() < 0.01 and sec >= 2:
                back = sec - 1 - (r() < 0.3)
                line_stamp = stamp(back)
            append(f'{prefix}{line_stamp}] "{method} {path} {proto}" {status} {size} "{ref}" "{ua}"')
        written += len(reqs)

        v.left -= 1
        if v.left <= 0:
            active[slot] = new_visit()

        if len(chunk) >= CHUNK_LINES or written >= target:
            if written > target:
                del chunk[len(chunk) - (written - target):]
                written = target
            special(chunk, rng)
            out.write(("\n".join(chunk) + "\n").encode("utf-8", "surrogateescape"))
            chunk.clear()

    if chunk:  # only when --lines 0
        out.write(("\n".join(chunk) + "\n").encode("utf-8", "surrogateescape"))
    if gz_proc is not None:
        out.close()
        if gz_proc.wait() != 0:
            sys.exit("gzip failed")
    elif out is not sys.stdout.buffer:
        out.close()


GARBAGE = ["\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", "\x00\x00\x00\x00", "\udcff\udcfe\udc80 \udcc3( ",
           "\x1b[31m", "GET / HTTP/1.1\r", "\udce9t\udce9 ", "\x7f\x01\x02\x03"]


def special(chunk, rng):
    """Replaces a few lines of the chunk in place with oddities; the line count is unchanged.

    Malformed (0.01%): truncated, binary garbage (NUL, invalid UTF-8), empty.
    Well-formed but odd (~0.03%): TLS handshake on port 80, request '-', escaped quote in a
    user agent, raw UTF-8 or nginx \\xNN escapes in a path, a 4-8 KB query string.
    """
    r = rng.random
    n = len(chunk)
    if n == 0:
        return
    expected = n * 0.0001
    count = int(expected) + (r() < expected - int(expected))
    for _ in range(count):
        i = int(r() * n)
        line = chunk[i]
        k = r()
        if k < 0.5:
            chunk[i] = line[: 10 + int(r() * (len(line) - 20))]
        elif k < 0.85:
            g = GARBAGE[int(r() * len(GARBAGE))]
            chunk[i] = g + line[: int(r() * 40)] if r() < 0.5 else line[: int(r() * 60)] + g + line[-30:]
        else:
            chunk[i] = ""
    expected = n * 0.0003
    count = int(expected) + (r() < expected - int(expected))
    for _ in range(count):
        i = int(r() * n)
        line = chunk[i]
        head = line[: line.index("]") + 2] if "]" in line else None
        if head is None or '"' not in line:
            continue
        k = r()
        if k < 0.25:
            chunk[i] = head + '"\\x16\\x03\\x01\\x00\\xA5\\x01\\x00\\x00\\xA1\\x03\\x03" 400 157 "-" "-"'
        elif k < 0.4:
            chunk[i] = head + '"-" 408 0 "-" "-"'
        elif k < 0.55:
            chunk[i] = line[: line.rindex('"', 0, len(line) - 1) + 1] + 'Mozilla/5.0 (compatible; \\"quoted\\" Bot/1.0)"'
        elif k < 0.75:
            chunk[i] = head + '"GET /blog/caf\u00e9-cr\u00e8me-guide-%d HTTP/1.1" 404 8120 "-" "curl/8.5.0"' % int(r() * 99)
        elif k < 0.9:
            chunk[i] = head + '"GET /blog/caf\\xC3\\xA9-au-lait HTTP/1.1" 404 8120 "-" "Mozilla/5.0"'
        else:
            chunk[i] = head + '"GET /search?q=%s HTTP/1.1" 414 0 "-" "python-requests/2.31.0"' % (
                "A" * (4096 + int(r() * 4096)))


if __name__ == "__main__":
    main()
