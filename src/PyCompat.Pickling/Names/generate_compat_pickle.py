"""Writes compat_pickle.tsv, PyCompat's copy of CPython's Python 2 <-> 3 name tables (Lib/_compat_pickle.py).

Regenerate after a CPython release changes _compat_pickle (run from this directory, with the CPython to copy):

    python3 generate_compat_pickle.py > compat_pickle.tsv

One entry a line, tab-separated, sorted:
    name     py2_module  py2_name  py3_module  py3_name   (NAME_MAPPING: read at protocols 0-2)
    import   py2_module  py3_module                       (IMPORT_MAPPING)
    rname    py3_module  py3_name  py2_module  py2_name   (REVERSE_NAME_MAPPING: written at protocols 0-2)
    rimport  py3_module  py2_module                       (REVERSE_IMPORT_MAPPING)
"""
import _compat_pickle as c
import sys

rows = []
rows += [("name", *k, *v) for k, v in c.NAME_MAPPING.items()]
rows += [("import", k, v) for k, v in c.IMPORT_MAPPING.items()]
rows += [("rname", *k, *v) for k, v in c.REVERSE_NAME_MAPPING.items()]
rows += [("rimport", k, v) for k, v in c.REVERSE_IMPORT_MAPPING.items()]
out = sys.stdout
out.write(f"# CPython {sys.version.split()[0]} Lib/_compat_pickle.py; regenerate with generate_compat_pickle.py\n")
for row in sorted(rows):
    out.write("\t".join(row) + "\n")
