"""Views of the emergencies room: the register (register.py), data holders (holders.py), incidents (incidents.py) and
responders' call lists (calls.py)."""
