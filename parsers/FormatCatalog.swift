import LogModel

/// The named log formats users can pick with `--format`.
public enum FormatCatalog {}
