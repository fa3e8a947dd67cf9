"""HDF5 files in the formats Keras does not write by default, for HDF5ReaderTests (h5py 3.14.0,
libhdf5 1.14.6): `python3 make_hdf5_fixtures.py` in this folder.

- hdf5_latest.h5: libver="latest" (superblock 3, version 2 object headers, compact link
  messages), datasets of other types than float32: float16, uint8, a float64 scalar, big-endian
  int16, a string, and a float64 dataset with a compact layout.
- hdf5_chunked.h5: a chunked dataset (refused: Keras writes contiguous ones).
- hdf5_dense_links.h5: libver="latest" with 40 links in one group, which libhdf5 keeps in dense
  storage (a fractal heap; refused: Keras's default format never uses it).
"""
import h5py
import numpy as np

with h5py.File("hdf5_latest.h5", "w", libver="latest") as f:
    g = f.create_group("layers/dense/vars")
    g.create_dataset("0", data=np.arange(6, dtype=np.float32).reshape(2, 3))
    g.create_dataset("1", data=np.arange(3, dtype=np.float16) + 0.5)
    g.create_dataset("2", data=np.arange(3, dtype=np.uint8) + 250)
    g.create_dataset("3", data=np.float64(2.5))
    g.create_dataset("4", data=np.array([-3, 0, 300], dtype=">i2"))
    g.create_dataset("name", data="dense")
    # A compact layout (the values inside the object header), through h5py's low-level API.
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    compact = h5py.h5d.create(g.id, b"5", h5py.h5t.IEEE_F64LE, h5py.h5s.create_simple((2,)), dcpl=dcpl)
    compact.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([1.25, -2.0]))

with h5py.File("hdf5_chunked.h5", "w") as f:
    f.create_dataset("layers/dense/vars/0", data=np.ones((4, 4), np.float32), chunks=(2, 2))

with h5py.File("hdf5_dense_links.h5", "w", libver="latest") as f:
    g = f.create_group("layers")
    for i in range(40):
        g.create_dataset(f"d{i}", data=np.zeros(1, np.float32))
