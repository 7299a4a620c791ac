"""The tamper-evident ledger: a Merkle tree over the stored events, signed checkpoints, proofs."""
