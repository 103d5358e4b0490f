"""``flask`` commands beyond create-staff and demo-data, one module per concern.

Each module exposes ``COMMANDS``, the click commands it adds.
"""
