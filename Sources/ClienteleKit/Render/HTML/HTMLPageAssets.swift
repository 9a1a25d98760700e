/// The static style sheet and script every report page carries inline (no file or network
/// request): the layout for wide and narrow screens and for print, the chart styles, and the
/// small table-sorting script. Neither contains any report data.
enum HTMLPageAssets {
    /// The style sheet.
    static let style: StaticString = """
        :root{--ink:#1d232b;--muted:#5a6470;--line:#d5dae0;--accent:#1f3b73;--bg:#ffffff;--soft:#f3f5f8}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        .skip{position:absolute;left:-999px}
        .skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
        nav.site{background:var(--accent);color:#fff}
        nav.site ul{list-style:none;margin:0 auto;padding:.4rem 1rem;max-width:76rem;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem}
        nav.site a{color:#fff;text-decoration:none;display:inline-block;padding:.25rem 0}
        nav.site a:hover,nav.site a:focus{text-decoration:underline}
        nav.site a[aria-current=page]{font-weight:700;border-bottom:2px solid #fff}
        main{max-width:76rem;margin:0 auto;padding:1rem 1rem 3rem}
        h1{font-size:1.75rem;line-height:1.25;margin:1rem 0 .75rem}
        h2{font-size:1.35rem;margin:2.25rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
        h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
        .answer{font-size:1.1rem;margin:.35rem 0;padding-left:.75rem;border-left:4px solid var(--accent);max-width:60rem}
        .period,.coverage{color:var(--muted);margin:.35rem 0;font-size:.95rem}
        .period{margin-top:1rem}
        .note{color:var(--muted);font-size:.9rem;margin:.25rem 0 1rem}
        .no-data{font-weight:600;color:var(--muted);padding:1rem;border:1px dashed var(--line);background:var(--soft);margin:.5rem 0}
        figure.chart{margin:1rem 0 2rem;max-width:56rem}
        figure.chart svg{display:block;width:100%;height:auto}
        .chart-title{font-weight:600;fill:var(--ink)}
        figcaption.chart-title{font-size:1rem}
        .chart text{fill:var(--ink)}
        .chart .tick,.chart .axis-title{fill:#3f4852}
        svg.defs{position:absolute;width:0;height:0;overflow:hidden}
        .table-wrap{overflow-x:auto;margin:.75rem 0 .25rem;border:1px solid var(--line);border-radius:4px;max-width:100%}
        .table-wrap:focus{outline:2px solid var(--accent);outline-offset:2px}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        caption{text-align:left;font-weight:600;padding:.5rem .6rem;caption-side:top}
        .table-title{font-weight:600;margin:1rem 0 .25rem}
        th,td{padding:.35rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        thead th{background:var(--soft);white-space:nowrap;position:sticky;top:0}
        th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td code{font-size:.85rem;white-space:nowrap}
        tbody tr:nth-child(even){background:#fafbfc}
        button.sort{font:inherit;font-weight:700;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
        button.sort:focus{outline:2px solid var(--accent)}
        th[aria-sort=ascending] button.sort::after{content:" \\25B2"}
        th[aria-sort=descending] button.sort::after{content:" \\25BC"}
        dl.definitions{margin:0}
        dl.definitions dt{font-weight:600;margin-top:.75rem}
        dl.definitions dd{margin:.15rem 0 0 1rem;max-width:60rem}
        ul.reports{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem}
        ul.reports li{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
        ul.reports h3{margin:.25rem 0 .5rem}
        footer{color:var(--muted);font-size:.85rem;margin-top:3rem}
        @media (max-width:600px){
        body{font-size:15px}
        h1{font-size:1.4rem}
        figure.chart{overflow-x:auto}
        figure.chart svg{min-width:28rem}
        th,td{padding:.3rem .45rem}
        }
        @media print{
        @page{margin:1.5cm}
        body{font-size:10.5pt;color:#000}
        nav.site,.skip{display:none}
        main{max-width:none;padding:0}
        a{color:#000;text-decoration:none}
        h2{break-after:avoid}
        figure.chart,tr,.answer{break-inside:avoid}
        figure.chart svg{min-width:0}
        .table-wrap{overflow:visible;border:0}
        thead th{position:static}
        table{font-size:8.5pt}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """

    /// The table-sorting script: turns each header of `table.sortable` into a button that sorts
    /// the rows by that column (numbers by their `data-sort` value, text by its text), toggling
    /// the direction. Reads only text content and `data-sort`; writes no markup.
    static let script: StaticString = """
        (function(){
        "use strict";
        function key(cell){var v=cell.getAttribute("data-sort");return v===null?cell.textContent.trim():v;}
        function sortBy(table,th,col){
        var body=table.tBodies[0];if(!body)return;
        var numeric=th.classList.contains("num");
        var current=th.getAttribute("aria-sort");
        var asc=current?current!=="ascending":!numeric;
        Array.prototype.forEach.call(th.parentNode.cells,function(c){c.removeAttribute("aria-sort");});
        th.setAttribute("aria-sort",asc?"ascending":"descending");
        var rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(a,b){
        var x=key(a.cells[col]),y=key(b.cells[col]);
        if(x===""||y===""){return x===y?0:(x===""?1:-1);}
        var r=numeric?parseFloat(x)-parseFloat(y):x.localeCompare(y);
        if(isNaN(r)){r=0;}
        return asc?r:-r;
        });
        rows.forEach(function(r){body.appendChild(r);});
        }
        Array.prototype.forEach.call(document.querySelectorAll("table.sortable"),function(table){
        if(!table.tHead||!table.tHead.rows.length)return;
        Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){
        var b=document.createElement("button");
        b.type="button";b.className="sort";
        b.title="Sort by this column";
        while(th.firstChild){b.appendChild(th.firstChild);}
        th.appendChild(b);
        b.addEventListener("click",function(){sortBy(table,th,col);});
        });
        });
        })();
        """

    /// The script's CSP source, `'sha256-…'`: only this exact script may run on the page.
    static let scriptHash = "'sha256-" + SHA256Digest.base64(of: script.description) + "'"

    /// The page's Content-Security-Policy: nothing may be loaded from anywhere, only our style
    /// and our one script run, no forms, no `<base>`.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src \(scriptHash); img-src 'none'; "
        + "base-uri 'none'; form-action 'none'"
}
