"""Who is calling: stored API tokens, JWTs from an identity provider, development tokens."""
