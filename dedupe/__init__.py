"""Cluster copies of one story and pick the canonical article.

Stages (each a plain function over arrays or ``DocRecord``s, no Scrapy or storage imports):
``normalise`` -> ``shingle`` -> ``minhash`` -> ``lsh`` -> ``verify`` -> ``cluster``, then
``canonical`` per cluster and ``incremental`` for stable cluster ids across runs.
``DedupeConfig`` (``config``) carries every parameter.
"""
