"""Reference formats Legation writes (RIS, BibTeX, CSL-JSON), one module each."""
