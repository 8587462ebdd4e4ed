"""Stage 2: bytes to Documents, one module per input format."""
