"""One module per `legation` subcommand (or small family of them)."""
