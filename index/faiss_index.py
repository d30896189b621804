"""The FAISS index for a corpus, chosen by its size: exact, HNSW graph, or IVF with 8-bit codes.

Thresholds and parameters were measured on 2 CPU cores with vectors shaped like the reports'
(`python -m eval.bench`, BENCHMARKS.md):
- up to FLAT_MAX chunks, the searcher scores every chunk (and its sentences) exactly: about 6 ms
  for the dense side at 10k chunks, growing linearly, so nothing is lost to approximation while
  it stays cheap; FAISS keeps an exact IndexFlatIP;
- up to HNSW_MAX, an HNSW graph (IndexHNSWFlat, M=32, efConstruction=80, efSearch=256) answers
  in under a millisecond with recall@10 ≈ 0.97 at 100k vectors and builds in under a minute;
- above that, HNSW's recall at this efSearch falls (0.95 at 300k) and its build grows (155 s at
  300k, some ten minutes at a million by extrapolation), so an inverted file with 8-bit scalar codes
  (IndexIVFScalarQuantizer, ~2·√n lists, nprobe=32) is trained on a sample instead: a quarter of
  the memory of the float vectors, a million vectors built in about a minute, recall@10 ≈ 0.97,
  ≈ 0.99 once the searcher re-scores its candidates exactly from the memory-mapped vectors.
All use inner product: the vectors are normalised, so scores are cosine similarities.
"""
from __future__ import annotations

import numpy as np

KINDS = ("auto", "flat", "hnsw", "ivf")
FLAT_MAX = 20_000
HNSW_MAX = 200_000
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 256
IVF_TRAIN_PER_LIST = 40  # k-means sample per list: FAISS warns below 39
IVF_NPROBE = 32
ADD_BATCH = 100_000  # rows copied to float32 and added at a time (keeps a memory-mapped input cheap)


def choose_kind(n: int) -> str:
    """The index type for `n` vectors: "flat", "hnsw" or "ivf" (see the module notes for why)."""
    if n <= FLAT_MAX:
        return "flat"
    return "hnsw" if n <= HNSW_MAX else "ivf"


def ivf_lists(n: int) -> int:
    """Inverted lists for `n` vectors: a power of two near 2·√n (2048 at a million)."""
    return int(2 ** round(np.log2(max(2 * np.sqrt(n), 16))))


def make_faiss_index(vectors: np.ndarray, kind: str = "auto", seed: int = 0):
    """A FAISS index holding `vectors` (n × d, normalised), of type `kind` ("auto" picks by size).

    Row i of `vectors` gets id i. Raises ValueError for an unknown kind, or for "ivf" with fewer
    vectors than it has lists to train.
    """
    import faiss

    if kind not in KINDS:
        raise ValueError(f"FAISS index kind {kind!r} is not one of {', '.join(KINDS)}")
    n, d = vectors.shape
    kind = choose_kind(n) if kind == "auto" else kind
    if kind == "flat":
        index = faiss.IndexFlatIP(d)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(d, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = _trained_ivf(vectors, seed)
    for start in range(0, n, ADD_BATCH):
        index.add(np.ascontiguousarray(vectors[start:start + ADD_BATCH], dtype=np.float32))
    return index


def _trained_ivf(vectors: np.ndarray, seed: int):
    import faiss

    n, d = vectors.shape
    nlist = ivf_lists(n)
    if n < nlist:
        raise ValueError(f"an IVF index needs at least {nlist} vectors to train, got {n}; use kind 'flat'")
    index = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(d), d, nlist, faiss.ScalarQuantizer.QT_8bit,
                                          faiss.METRIC_INNER_PRODUCT)
    sample = np.sort(np.random.default_rng(seed).choice(n, min(n, IVF_TRAIN_PER_LIST * nlist), replace=False))
    index.train(np.ascontiguousarray(vectors[sample], dtype=np.float32))
    index.nprobe = min(IVF_NPROBE, nlist)
    return index


def describe(index) -> dict:
    """Type and search parameters of an index, for the manifest and the benchmark report."""
    import faiss

    out = {"type": type(index).__name__, "ntotal": int(index.ntotal)}
    if isinstance(index, faiss.IndexHNSW):
        out.update(M=int(index.hnsw.nb_neighbors(1)), efConstruction=int(index.hnsw.efConstruction),
                   efSearch=int(index.hnsw.efSearch))
    elif isinstance(index, faiss.IndexIVF):
        out.update(nlist=int(index.nlist), nprobe=int(index.nprobe))
    return out


def is_exact(index) -> bool:
    """Whether searching `index` scans every vector (so a plain dot product gives the same ranking)."""
    import faiss

    return isinstance(index, faiss.IndexFlat)


def search(index, query: np.ndarray, k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The best `k` rows for one query vector: (row ids, scores as the index computes them), best first.

    `mask` (one bool per row) restricts the search to the rows it marks; fewer than `k` rows come
    back when fewer qualify, or when an approximate index finds fewer among them.
    """
    import faiss

    params, bitmap = None, None
    if mask is not None:
        bitmap = np.packbits(np.asarray(mask, dtype=bool), bitorder="little")  # kept alive during the search
        selector = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bitmap))
        if isinstance(index, faiss.IndexHNSW):
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(index.hnsw.efSearch, k))
        elif isinstance(index, faiss.IndexIVF):
            params = faiss.SearchParametersIVF(sel=selector, nprobe=index.nprobe)
        else:
            params = faiss.SearchParameters(sel=selector)
    elif isinstance(index, faiss.IndexHNSW) and index.hnsw.efSearch < k:
        params = faiss.SearchParametersHNSW(efSearch=k)  # HNSW returns at most efSearch results
    q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
    # subtle: one query gains nothing from FAISS's OpenMP threads, and when the cores are busy
    # (the embedder, other requests) their spin-waits stretch a 1 ms search to 40 ms; the setting
    # is per calling thread, so it is restored after
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        scores, ids = index.search(q, min(k, max(index.ntotal, 1)), params=params)
    finally:
        faiss.omp_set_num_threads(threads)
    keep = ids[0] >= 0
    return ids[0][keep], scores[0][keep]
