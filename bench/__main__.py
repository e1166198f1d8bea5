"""Run the benchmarks (make bench): each bench_*.py module's main() prints its ratios.

Each module runs in a process of its own, so that one benchmark's test database, caches and
connections never leak into the next.
"""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")


def names(selected: list[str]) -> list[str]:
    found = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    return [n for n in found if n.startswith("bench_") and (not selected or n in selected)]


def run_one(name: str) -> None:
    import importlib

    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    importlib.import_module(f"bench.{name}").main()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        run_one(argv[1])
        return 0
    chosen = names(argv)
    if not chosen:
        print("No benchmarks found")
        return 1
    failed = []
    for name in chosen:
        print(f"== {name}", flush=True)
        result = subprocess.run([sys.executable, "-m", "bench", "--one", name], cwd=ROOT)
        if result.returncode:
            failed.append(name)
    if failed:
        print(f"Failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
