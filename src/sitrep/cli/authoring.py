"""`sitrep new`, `sitrep examples`, `sitrep schema` and `sitrep labels`: the commands that help
an analyst start a brief or a house style, printing or creating files but rendering none.
"""

from __future__ import annotations

import argparse
import sys

from sitrep.cli.status import EXIT_OK, EXIT_USAGE, print_error

__all__ = ["examples", "labels", "new", "schema"]


def new(args: argparse.Namespace) -> int:
    """Create a brief from an example, a blank skeleton or a STIX bundle."""
    from sitrep.scaffold import find_profile, new_brief, new_brief_from_stix

    if args.stix is not None and args.example is not None:
        print_error("give --from or --from-stix, not both")
        return EXIT_USAGE
    if args.stix is not None:
        from sitrep.writers.options import warn_to_stderr

        print(f"created {new_brief_from_stix(args.output, args.stix, warn_to_stderr)}")
        return EXIT_OK
    folder = args.output.parent if args.output.suffix else args.output
    profile = args.profile or find_profile(folder)
    path = new_brief(args.output, args.example, profile=profile or False)
    used = f" with the house profile {profile}" if profile else " (no house profile found)"
    print(f"created {path}{used}")
    return EXIT_OK


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema, or the brief-format reference as Markdown."""
    if args.markdown:
        from sitrep.reference import brief_format_markdown

        sys.stdout.write(brief_format_markdown())
    else:
        from sitrep.schema import schema_json

        sys.stdout.write(schema_json())
    return EXIT_OK


def examples(args: argparse.Namespace) -> int:
    """List the bundled example briefs, one a line."""
    from sitrep.scaffold import list_examples

    for example in list_examples():
        print(f"{example.name:32} {example.summary}")
    return EXIT_OK


def labels(args: argparse.Namespace) -> int:
    """Print a language's label catalog (.po), sitrep's own translations filled in."""
    from sitrep.catalogs import catalog_source, check_language_tag

    check_language_tag(args.language)
    sys.stdout.buffer.write(catalog_source(args.language))
    return EXIT_OK
