"""Writes the .npy/.npz fixtures the C# tests read, with NumPy itself, and expected.json.

Run once with /usr/bin/python3 (python3-numpy) from this folder; the outputs are committed and the
tests never run Python. expected.json records, for each array, the file (and .npz key), the descr
NumPy wrote, the shape, and every value in C order, so the tests check the reader against NumPy's
own idea of each file rather than against the reader's.
"""
import json
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
arrays = {}


def record(name, array, file, key=None):
    flat = np.ascontiguousarray(array).reshape(-1)
    values = [v.decode() if isinstance(v, bytes) else (str(v) if isinstance(v, str) else float(v)) for v in flat.tolist()]
    entry = {"file": file, "descr": np.lib.format.dtype_to_descr(array.dtype), "shape": list(array.shape), "values": values}
    if key is not None:
        entry["key"] = key
    arrays[name] = entry


def save(file, array, version=None):
    path = os.path.join(here, file)
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)
    record(file, array, file)


rng = np.random.default_rng(7)

# Float32 table features, and integer labels.
save("features_f32.npy", rng.standard_normal((5, 3)).astype(np.float32))
save("labels_i8.npy", np.array([0, 2, 1, 1, 0], dtype=np.int64))

# uint8 colour images in NHWC order: 4 images of 2x3 pixels, 3 channels, pixel value = a known pattern.
nhwc = (np.arange(4 * 2 * 3 * 3) * 7 % 256).astype(np.uint8).reshape(4, 2, 3, 3)
save("images_u8_nhwc.npy", nhwc)

# Column-major (Fortran order) float64, and big-endian integers and floats.
save("fortran_f64.npy", np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4) / 8))
save("big_endian_i4.npy", np.array([1, -2, 300000, -40000000, 5, 6], dtype=">i4"))
save("big_endian_f8.npy", np.array([[1.5, -2.25], [1e-300, 3e300]], dtype=">f8"))

# Format versions 2.0 and 3.0 (np.save picks 1.0 whenever it can).
save("version2_u1.npy", np.arange(10, dtype=np.uint8), version=(2, 0))
save("version3_f4.npy", np.array([0.5, -0.25], dtype=np.float32), version=(3, 0))

# String labels: unicode (<U) and bytes (|S).
save("labels_str.npy", np.array(["cat", "dog", "bird", "cat", "élan"]))
save("labels_bytes.npy", np.array([b"a", b"bc", b"a", b"def"]))

# Archives: np.savez stores its entries, np.savez_compressed deflates them.
x_train = (np.arange(6 * 4 * 4) % 251).astype(np.uint8).reshape(6, 4, 4, 1)
y_train = np.array([0, 1, 2, 0, 1, 2], dtype=np.uint8)
x_test = x_train[:3].copy()
y_test = np.array([0, 1, 2], dtype=np.int16)
np.savez(os.path.join(here, "train_test.npz"), x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
for key, array in [("x_train", x_train), ("y_train", y_train), ("x_test", x_test), ("y_test", y_test)]:
    record(f"train_test.npz:{key}", array, "train_test.npz", key)

x = rng.random((10, 2)).astype(np.float64)
y = np.array(["b", "a"] * 5)
np.savez_compressed(os.path.join(here, "compressed.npz"), x=x, y=y)
record("compressed.npz:x", x, "compressed.npz", "x")
record("compressed.npz:y", y, "compressed.npz", "y")

with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump({"numpy": np.__version__, "arrays": arrays}, f, indent=1, ensure_ascii=False)
    f.write("\n")
