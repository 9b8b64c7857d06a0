"""Group mode: a participant shares their vignette choices and knowledge-check answers, under a random
code, as one file in a folder the facilitator names; the facilitator's dashboard counts them.

    from casebook.group import GroupMode
    group = GroupMode(journal)            # not joined (unless this journal joined before: then back in)
    group.join(folder)                    # <folder>/<code>.json from now on
    group.share_reflection(vignette_id, text)
    group.leave(delete=True)

share.py is the participant's side, aggregate.py the facilitator's counts, views.py both widgets.
"""
from casebook.group.share import GroupError, GroupMode, default_folder

__all__ = ["GroupError", "GroupMode", "default_folder"]
