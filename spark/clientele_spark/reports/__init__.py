"""Report models as the embedded engine's report builders make them (Sources/ClienteleKit/Reports)."""
