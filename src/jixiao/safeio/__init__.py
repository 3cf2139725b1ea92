"""Safe input and output shared by every layer (a leaf: imports nothing else of jixiao).

Import from the submodules; the package itself imports nothing, so that a command pays only for the
parts it uses (the cold `evaluate FILE` reads a YAML file: no zip checks, no temporary names).

- :mod:`~jixiao.safeio.limits`: every resource limit, its default and how to change it;
  :class:`Refused` / :class:`LimitExceeded` carry a Chinese message naming the file.
- :mod:`~jixiao.safeio.files`: read only regular files, with a size cap.
- :mod:`~jixiao.safeio.zipguard`: zip-bomb checks for every Office package read.
- :mod:`~jixiao.safeio.numbers`: digits and magnitude of every number read.
- :mod:`~jixiao.safeio.atomic`: the one atomic writer (no overwrite without force,
  temporaries cleaned, stale ones removed at the next run).
- :mod:`~jixiao.safeio.outdir`: an output folder with a manifest of what jixiao wrote.
- :mod:`~jixiao.safeio.ooxml`: the one normaliser of written Office packages.
- :mod:`~jixiao.safeio.inert`: exported text no spreadsheet evaluates.
"""
