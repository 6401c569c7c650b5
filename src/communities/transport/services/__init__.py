"""Action functions of the Volunteer Driver Service: each writes the change, its status row and its audit row in one
transaction, and refuses bad input with a ``ValidationError`` naming the field in plain English."""
