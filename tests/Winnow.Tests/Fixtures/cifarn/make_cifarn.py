# Makes the CIFAR-N label-file fixtures of CifarNLabelFileTests, once, with Debian's python3-torch
# (1.13) and python3-numpy (1.24); the tests read the files and never run Python.
#   cd tests/Winnow.Tests/Fixtures/cifarn && /usr/bin/python3 make_cifarn.py
#
# The official files (CIFAR-10_human.pt, CIFAR-100_human.pt) are dicts of numpy int64 arrays
# saved with torch.save; these are the same, for the tests' training split: TinyIdx.Create
# (tests/Winnow.Tests/Support/TinyIdx.cs) with 60 training samples and 10 classes labels row i
# as i % 10, so clean_label here is exactly that dataset's training labels.
import io
import json
import os
import pickle

import numpy as np
import torch

TRAIN = 60
CLASSES = 10
rng = np.random.default_rng(20240607)
clean = np.arange(TRAIN, dtype=np.int64) % CLASSES


def flip(rate, classes=CLASSES, truth=clean):
    """A human-style noisy copy of the truth: a seeded fraction moved to another class."""
    noisy = truth.copy()
    rows = rng.choice(len(truth), size=round(rate * len(truth)), replace=False)
    noisy[rows] = (truth[rows] + rng.integers(1, classes, size=len(rows))) % classes
    return noisy


# CIFAR-10N's six label sets (its rates: aggre 9%, random 17–18%, worst 40%).
cifar10n = {
    "clean_label": clean,
    "worse_label": flip(0.40),
    "aggre_label": flip(0.10),
    "random_label1": flip(0.17),
    "random_label2": flip(0.18),
    "random_label3": flip(0.18),
}

# CIFAR-100N: clean and one noisy set; its classes here stay below 60, so the same 60-sample
# dataset with 100 classes (which infers 60) can read it too.
clean100 = np.arange(TRAIN, dtype=np.int64)
cifar100n = {"clean_label": clean100, "noisy_label": flip(0.40, classes=TRAIN, truth=clean100)}

torch.save(cifar10n, "cifar10n.pt")                                                    # zip (torch >= 1.6)
torch.save(cifar10n, "cifar10n_legacy.pt", _use_new_zipfile_serialization=False)      # the format before 1.6
torch.save(cifar10n, "cifar10n_protocol4.pth", pickle_protocol=4)                      # frames, memoize, stack_global
torch.save(cifar10n, "cifar10n_protocol5.pt", pickle_protocol=5)                        # arrays as numpy's _frombuffer
torch.save(cifar100n, "cifar100n.pt")

# Tensors: one plain, one a slice of a larger tensor (storage offset), one strided (every
# other element), in both formats.
big = torch.arange(3 * TRAIN, dtype=torch.int64) % CLASSES
big[10:10 + TRAIN] = torch.from_numpy(cifar10n["aggre_label"])
strided = torch.zeros(2 * TRAIN, dtype=torch.int64)
strided[::2] = torch.from_numpy(cifar10n["random_label1"])
tensors = {
    "clean_label": torch.from_numpy(clean),
    "worse_label": torch.from_numpy(cifar10n["worse_label"]).int(),
    "aggre_label": big[10:10 + TRAIN],
    "random_label1": strided[::2],
}
torch.save(tensors, "tensors.pt")
torch.save(tensors, "tensors_legacy.pt", _use_new_zipfile_serialization=False)

# Plain lists of ints, and numpy arrays of the narrower integer types.
torch.save({k: v.tolist() for k, v in cifar10n.items()}, "lists.pt")
torch.save({
    "clean_label": clean.astype(np.int32),
    "worse_label": cifar10n["worse_label"].astype(np.uint8),
    "aggre_label": cifar10n["aggre_label"].astype(np.int32),
}, "narrow_dtypes.pt")

# numpy 2 pickles its arrays as numpy._core.multiarray._reconstruct: the legacy file is one
# pickle stream, so the module name can be rewritten in place.
with open("cifar10n_legacy.pt", "rb") as f:
    legacy = f.read()
assert b"numpy.core.multiarray" in legacy
with open("cifar10n_numpy2.pt", "wb") as f:
    f.write(legacy.replace(b"numpy.core.multiarray", b"numpy._core.multiarray"))

# Bad files.
torch.save([clean, cifar10n["worse_label"]], "not_a_dict.pt")
torch.save({"clean_label": np.arange(20) % CLASSES, "worse_label": np.arange(20) % CLASSES}, "wrong_length.pt")
torch.save({"clean_label": np.arange(20) % CLASSES, "worse_label": cifar10n["worse_label"]}, "clean_wrong_length.pt")
out_of_range = cifar10n["worse_label"].copy()
out_of_range[17] = CLASSES
torch.save({"clean_label": clean, "worse_label": out_of_range}, "label_out_of_range.pt")
torch.save({"clean_label": clean, "worse_label": cifar10n["worse_label"].astype(np.float32)}, "float_array.pt")
listed = cifar10n["worse_label"].tolist()
listed[5] = 3.5
torch.save({"clean_label": clean.tolist(), "worse_label": listed}, "float_in_list.pt")
torch.save({"clean_label": clean, "worse_label": "see the paper"}, "string_value.pt")


class Evil:
    """Unpickling this would run a shell command; saving it runs nothing."""
    def __reduce__(self):
        return (os.system, ("echo pwned",))


class Eval:
    def __reduce__(self):
        return (eval, ("__import__('os').system('echo pwned')",))


class Plain:
    """An ordinary object: pickled as its class (__main__.Plain) and its __dict__."""
    def __init__(self):
        self.labels = [1, 2, 3]


torch.save({"clean_label": clean, "worse_label": Evil()}, "malicious_system.pt")
torch.save({"clean_label": clean, "worse_label": Eval()}, "malicious_eval.pt", _use_new_zipfile_serialization=False)
torch.save({"clean_label": clean, "worse_label": Plain()}, "malicious_class.pt")

with open("expected.json", "w") as f:
    json.dump({
        "train": TRAIN,
        "classes": CLASSES,
        "cifar10n": {k: v.tolist() for k, v in cifar10n.items()},
        "cifar100n": {k: v.tolist() for k, v in cifar100n.items()},
        "rates": {k: float(np.mean(v != clean)) for k, v in cifar10n.items()},
        # What os.system pickles as on this platform (posix.system on Linux).
        "malicious_system_global": f"{os.system.__module__}.{os.system.__name__}",
    }, f, indent=1)
