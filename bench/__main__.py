"""Run every benchmark module in bench/ (make bench): each has a main() that prints its ratios."""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(selected: list[str]) -> int:
    import django

    django.setup()
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    names = [n for n in names if n.startswith("bench_") and (not selected or n in selected)]
    if not names:
        print("No benchmarks found")
        return 1
    for name in names:
        print(f"== {name}")
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
