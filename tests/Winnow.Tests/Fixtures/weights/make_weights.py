# Makes the state_dict fixtures of the weights tests, once, with Debian's python3-torch and
# python3-torchvision (1.13.1 / 0.14.1); the tests read the files and never run Python.
#   /usr/bin/python3 make_weights.py
import json
import struct

import torch
import torchvision

torch.manual_seed(7)


def probe(shape):
    """The input every test feeds: sin(0.01 i) over the flattened sample, as the C# tests rebuild it."""
    n = 1
    for d in shape:
        n *= d
    return torch.sin(0.01 * torch.arange(n, dtype=torch.float32)).reshape(shape)


# Winnow's mlp for 6 features and 3 classes: fc1, fc2 and head, as the C# model names them.
class Mlp(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(6, 256)
        self.fc2 = torch.nn.Linear(256, 128)
        self.head = torch.nn.Linear(128, 3)

    def forward(self, x):
        return self.head(torch.relu(self.fc2(torch.relu(self.fc1(x.flatten(1))))))


mlp = Mlp().eval()
state = mlp.state_dict()
torch.save(state, "mlp-6x3.pt")

# .safetensors by its specification: u64 header length, JSON header, little-endian raw data.
header, blobs, offset = {}, [], 0
for key, tensor in state.items():
    data = tensor.contiguous().numpy().astype("<f4").tobytes()
    header[key] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
    blobs.append(data)
    offset += len(data)
header["__metadata__"] = {"format": "pt"}
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)
with open("mlp-6x3.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))

# torchvision's resnet18 (1,000 classes) with its exact keys and shapes, saved as PyTorch saves
# it (contiguous tensors), in float16 to halve the file. Every tensor repeats a 4,096-value
# pattern (shifted per key), so git stores the 23 MB file in a few hundred KB.
resnet = torchvision.models.resnet18().eval()
pattern = torch.randn(4096) * 0.02
weights = {}
for index, (key, tensor) in enumerate(resnet.state_dict().items()):
    if key.endswith("num_batches_tracked"):
        weights[key] = tensor.clone()
        continue
    values = pattern.roll(index).repeat(tensor.numel() // 4096 + 1)[: tensor.numel()].reshape(tensor.shape)
    if key.endswith("running_var"):
        values = values.abs() + 0.5
    elif key.endswith(".weight") and tensor.dim() == 1:
        values = values + 1.0  # batch-norm scales
    weights[key] = values.half()
torch.save(weights, "resnet18-torchvision.pt")
# 23 MB raw: the repository keeps it gzipped (gzip -9 -n resnet18-torchvision.pt); the tests unpack it.
resnet.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in weights.items()})

with torch.no_grad():
    expected = {
        "mlp-6x3": mlp(probe([2, 6])).tolist(),
        "resnet18-torchvision": resnet(probe([1, 3, 64, 64]))[0, :8].tolist(),
    }
with open("expected.json", "w") as f:
    json.dump({
        "logits": expected,
        "resnet18_keys": [[k, list(v.shape)] for k, v in resnet.state_dict().items()],
        "resnet18_parameters": sum(p.numel() for p in resnet.parameters()),
    }, f, indent=1)
