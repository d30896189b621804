"""Find near-duplicate articles and chunks (MinHash over character shingles) and group them."""
from __future__ import annotations

from datasketch import MinHash, MinHashLSH

from index.normalize import squeeze

NUM_PERM = 128
SHINGLE = 4


def _minhash(text: str) -> MinHash:
    s = squeeze(text)
    shingles = {s[i:i + SHINGLE] for i in range(max(1, len(s) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([sh.encode("utf-8") for sh in shingles])
    return m


def near_duplicate_groups(texts: list[str], threshold: float = 0.7, keys: list[str] | None = None) -> list[int]:
    """Group ids per text: texts whose estimated Jaccard similarity reaches `threshold` share a
    group (transitively); a text with no near-duplicate gets -1. Groups are numbered 0, 1, …
    in order of first appearance, so a rebuild gives the same numbers.

    `keys` (optional) keeps texts of the same key apart, e.g. chunks of one article.
    """
    # subtle: the LSH only proposes candidates (the exact check below applies `threshold`), and
    # datasketch cannot band 128 permutations for thresholds above ~0.98, so cap it
    lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=NUM_PERM)
    hashes = [_minhash(t) for t in texts]
    for i, m in enumerate(hashes):
        lsh.insert(str(i), m)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, m in enumerate(hashes):
        for j in map(int, lsh.query(m)):
            if j != i and (keys is None or keys[i] != keys[j]) and m.jaccard(hashes[j]) >= threshold:
                parent[find(j)] = find(i)
    roots: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for i in range(len(texts)):
        sizes[find(i)] = sizes.get(find(i), 0) + 1
    groups = []
    for i in range(len(texts)):
        r = find(i)
        if sizes[r] < 2:
            groups.append(-1)
            continue
        groups.append(roots.setdefault(r, len(roots)))
    return groups
