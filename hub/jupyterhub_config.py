# The course on a JupyterHub on one server, with a shared folder for group mode.
#
# On The Littlest JupyterHub (TLJH): copy this file to
#     /opt/tljh/config/jupyterhub_config.d/casebook.py
# and run `sudo tljh-config reload`. TLJH keeps its own settings (authentication, users, memory
# limits, the idle culler) in `tljh-config`; this file adds only what the course needs. On
# another JupyterHub on one server, load it at the end of your jupyterhub_config.py with
#     load_subconfig("/srv/course/hub/jupyterhub_config.py")
# The guide is book/facilitators/jupyterhub.md ("Running the course on JupyterHub").
# tests/test_hub.py loads this very file into the hub it starts on loopback, and changes only the
# folders (to temporary ones) and what a test machine needs.
c = get_config()  # noqa: F821 - JupyterHub provides get_config when it reads this file

# Where the course is: a copy of the repository, installed into the participants' Python with
# `pip install -e` (see the guide). Participants work on their own copy of its notebooks/.
COURSE = "/srv/course"

# The group folder: one folder every participant may write, where group mode keeps one file per
# participant under a random code (never a name), and where the facilitator's dashboard reads.
# Make it before the session (see the guide):
#     sudo mkdir -p /srv/scratch/casebook-group && sudo chmod 1777 /srv/scratch/casebook-group
# 1777: everyone may add a file; the sticky bit (the 1) lets only a file's owner replace or delete it.
GROUP_FOLDER = "/srv/scratch/casebook-group"

# Where the course's book is published, for the exercises' links to the chapters (they open in
# a new tab), e.g. "https://course.example.org/". Empty: the links point beside the notebooks,
# where the built book is not, so they lead nowhere.
BOOK_URL = ""

environment = {
    "CASEBOOK_GROUP_FOLDER": GROUP_FOLDER,
    # Voila finds the dashboard's template (casebook-dashboard, with nothing from a CDN) here.
    "JUPYTER_PATH": f"{COURSE}/casebook/group/jupyter",
}
if BOOK_URL:
    environment["CASEBOOK_BOOK_URL"] = BOOK_URL
# .update and .extend keep whatever TLJH or another file has already set.
c.Spawner.environment.update(environment)

# JupyterLab, on the participant's home folder (where their copy of the course is).
c.Spawner.default_url = "/lab"

c.Spawner.args.extend([
    # Nothing from the internet in JupyterLab: no news, no update checks, no extension manager.
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
    # The facilitator's dashboard from their own server, at
    # /user/<name>/voila/render/<path to>/facilitator/group-view.ipynb: a clean page, no code,
    # no tracebacks, nothing from a CDN.
    "--VoilaConfiguration.template=casebook-dashboard",
    "--VoilaConfiguration.theme=light",
    "--VoilaConfiguration.show_tracebacks=False",
])
