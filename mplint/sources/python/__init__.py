"""The Python source: call sites of the CreateModelPackage API in modules and notebooks."""
