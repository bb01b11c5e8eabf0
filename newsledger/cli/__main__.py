"""``python -m newsledger.cli``: the ``newsledger`` command."""
from newsledger.cli import main

if __name__ == "__main__":
    main()
