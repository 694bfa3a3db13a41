"""Template tags of billing (the package also keeps Django from loading another tree's billing.templatetags)."""
