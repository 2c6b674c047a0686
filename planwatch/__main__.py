"""``python -m planwatch``: the same as the ``planwatch`` command."""

from planwatch.cli import main

if __name__ == "__main__":
    main()
