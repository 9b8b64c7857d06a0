"""A real JupyterHub for a group, on loopback: eight participants play a vignette in group mode.

The hub runs as it would for a workshop, with everything on 127.0.0.1 in a temporary folder: the
course's own hub/jupyterhub_config.py (the group folder in the servers' environment, JupyterLab
with nothing fetched from the internet, Voila's template for the group view), then what TLJH
would add: SharedPasswordAuthenticator (one password for the group: JupyterHub's replacement,
since 5.3, for DummyAuthenticator's deprecated password), SimpleLocalProcessSpawner (each
participant's server a local process with a home folder of its own under the temporary folder),
configurable-http-proxy from node_modules, a sqlite database, and an admin service whose token
comes from the config. Each single-user server is the .venv's `jupyterhub-singleuser`, on a copy
of notebooks/, with CASEBOOK_GROUP_FOLDER naming one shared folder.

Through the hub's REST API the test adds nine users (eight participants and a facilitator),
checks the login form (a wrong password and a user not added are refused), starts every server
and makes a token for each user; through each user's own server, behind the proxy, it opens
module 1's notebook as JupyterLab does (a session, so the kernel works in the notebook's folder)
and runs code over the kernel's websocket: open the journal, join group mode, play module 1's
first vignette to an ending (five participants one way, three another) and check one
knowledge-check question. The facilitator does the same, then leaves group mode and deletes
their file. Then: every journal is its owner's, in their home; the group folder holds one file
per participant, named by a code, naming nobody; the facilitator's aggregate reads exactly those
participants and counts, with a count of two suppressed; and the group view opens from the
facilitator's server through Voila (no code shown, no error, nothing from another host).

The hub machinery (Hub, KernelSession, play_all) is shared with bench/bench_hub.py. Everything
started is stopped at the end, and the test checks that no process is left.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SINGLEUSER = VENV_BIN / "jupyterhub-singleuser"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
HUB_CONFIG = ROOT / "hub" / "jupyterhub_config.py"     # the course's settings for a hub
NOTEBOOK = "01-resistance.ipynb"                            # module 1's exercises
VIGNETTE = "vignettes/resistance/homework-not-done.yml"    # module 1's first vignette
QUIZ = "exercises/resistance/knowledge-check.yml"           # module 1's knowledge check
PASSWORD = "group-session-" + secrets.token_hex(4)          # the group's shared password (>= 8)
HUB_START_S = 60        # the hub answering its API
SERVERS_S = 120         # every participant's server ready (8 at once on 2 cores: ~20 s)
EXECUTE_S = 90          # one cell in a participant's kernel, from start to its reply


class HubError(RuntimeError):
    """Something in the hub, a server or a kernel did not do what a participant needs."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hub_config(tmp: Path, *, port: int, hub_port: int, proxy_api_port: int, admin_token: str,
               course: Path, group_folder: Path) -> str:
    """jupyterhub_config.py for the test: the course's hub/jupyterhub_config.py (what a server
    running the course adds to JupyterHub), then what TLJH would set, on loopback in `tmp`."""
    return textwrap.dedent(f"""\
        c = get_config()  # noqa
        load_subconfig({str(HUB_CONFIG)!r})
        # The course's settings, with the test's folders.
        c.Spawner.environment.update({{"CASEBOOK_GROUP_FOLDER": "{group_folder}",
                                       "JUPYTER_PATH": "{ROOT / 'casebook' / 'group' / 'jupyter'}"}})
        c.Spawner.notebook_dir = "{course}"

        c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
        c.JupyterHub.hub_ip = "127.0.0.1"
        c.JupyterHub.hub_port = {hub_port}
        c.JupyterHub.db_url = "sqlite:///{tmp / 'jupyterhub.sqlite'}"
        c.JupyterHub.cookie_secret_file = "{tmp / 'jupyterhub_cookie_secret'}"
        c.JupyterHub.pid_file = "{tmp / 'jupyterhub.pid'}"
        c.JupyterHub.cleanup_servers = True
        # POST /users/<name>/server answers at once (202) instead of waiting up to 10 s per server.
        c.JupyterHub.tornado_settings = {{"slow_spawn_timeout": 0}}

        # One password for the group, and only the participants the facilitator added may log in.
        c.JupyterHub.authenticator_class = "shared-password"
        c.SharedPasswordAuthenticator.user_password = {PASSWORD!r}
        c.Authenticator.allow_existing_users = True

        c.JupyterHub.spawner_class = "simple"
        c.SimpleLocalProcessSpawner.home_dir_template = "{tmp / 'home'}/{{username}}"
        c.Spawner.cmd = [{str(SINGLEUSER)!r}]
        if {os.geteuid() == 0!r}:       # CI containers run as root; Jupyter refuses unless told
            c.Spawner.args.append("--allow-root")
        c.Spawner.start_timeout = {SERVERS_S}
        c.Spawner.http_timeout = {SERVERS_S}
        # Stopping: a server sent SIGINT without a terminal asks to confirm and carries on; the
        # hub then waits interrupt_timeout (10 s) before SIGTERM. A test need not wait so long.
        c.LocalProcessSpawner.interrupt_timeout = 1

        c.JupyterHub.proxy_class = "configurable-http-proxy"
        c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
        c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
        c.ConfigurableHTTPProxy.pid_file = "{tmp / 'proxy.pid'}"

        # The administrator's token (here: the test's), for the REST API: an admin service.
        c.JupyterHub.services = [{{"name": "hub-admin", "api_token": {admin_token!r}}}]
        c.JupyterHub.load_roles = [{{"name": "admin", "services": ["hub-admin"]}}]
        """)


@dataclass
class Hub:
    """A JupyterHub in `tmp`, started by start() and stopped (with everything it started) by stop()."""
    tmp: Path
    users: list[str]
    origin: str = ""
    admin_token: str = field(default_factory=lambda: secrets.token_hex(32))
    process: subprocess.Popen | None = None
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def course(self) -> Path:
        return self.tmp / "course" / "notebooks"

    @property
    def group_folder(self) -> Path:
        return self.tmp / "group"

    @property
    def log(self) -> Path:
        return self.tmp / "jupyterhub.log"

    def home(self, user: str) -> Path:
        return self.tmp / "home" / user

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    # -- starting and stopping ------------------------------------------------------------------
    def start(self) -> None:
        if not PROXY.exists():
            raise HubError(f"{PROXY} is missing: run `npm ci` (make setup) first")
        if not SINGLEUSER.exists():
            raise HubError(f"{SINGLEUSER} is missing: jupyterhub is not installed in the .venv")
        shutil.copytree(ROOT / "notebooks", self.course,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        self.group_folder.mkdir(mode=0o1777)
        port = free_port()
        self.origin = f"http://127.0.0.1:{port}"
        config = self.tmp / "jupyterhub_config.py"
        config.write_text(hub_config(self.tmp, port=port, hub_port=free_port(), proxy_api_port=free_port(),
                                     admin_token=self.admin_token, course=self.course,
                                     group_folder=self.group_folder))
        # The hub passes on only what Spawner.env_keep names (PATH, LANG, ...): no CASEBOOK_JOURNAL
        # from this shell reaches a participant, whose journal is their own home's default.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "CASEBOOK"))}
        env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(
                [str(VENV_BIN / "jupyterhub"), "-f", str(config), f"--JupyterHub.bind_url={self.origin}"],
                cwd=self.tmp, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + HUB_START_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(f"JupyterHub exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.origin}/hub/api/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise HubError(f"JupyterHub did not answer within {HUB_START_S} s:\n{self.log_tail()}")

    def processes(self) -> list[int]:
        """Every process this hub started that still runs: the hub, the proxy, the single-user
        servers and their kernels (found by the temporary folder in their environment or command)."""
        marker = str(self.tmp).encode()
        found = []
        for entry in Path("/proc").glob("[0-9]*"):
            if int(entry.name) == os.getpid():
                continue
            try:
                if marker in (entry / "environ").read_bytes() or marker in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:     # gone, or not ours to read
                pass
        return found

    def stop(self) -> None:
        """Stop the hub (it stops the servers it spawned, which stop their kernels), its process
        group, then anything still running from this hub's folder."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)     # the proxy, if the hub left it
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while (left := self.processes()) and time.monotonic() < deadline:
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.2)

    # -- the REST API --------------------------------------------------------------------------------
    def api(self, method: str, path: str, body=None, expect=(200, 201, 202, 204)):
        answer = requests.request(method, f"{self.origin}/hub/api/{path}", json=body, timeout=30,
                                  headers={"Authorization": f"token {self.admin_token}"})
        if answer.status_code not in expect:
            raise HubError(f"{method} /hub/api/{path}: HTTP {answer.status_code} {answer.text[:500]}")
        return answer.json() if answer.content else None

    def create_users(self) -> None:
        self.api("POST", "users", {"usernames": self.users})

    def start_servers(self) -> None:
        for user in self.users:
            self.api("POST", f"users/{user}/server")

    def wait_ready(self) -> None:
        deadline = time.monotonic() + SERVERS_S
        waiting = set(self.users)
        while waiting and time.monotonic() < deadline:
            for user in sorted(waiting):
                model = self.api("GET", f"users/{user}")
                server = model.get("servers", {}).get("")
                if server and server.get("ready"):
                    waiting.discard(user)
            if waiting:
                time.sleep(0.5)
        if waiting:
            raise HubError(f"servers not ready within {SERVERS_S} s: {sorted(waiting)}\n{self.log_tail()}")

    def token(self, user: str) -> str:
        """A token of the participant's own, made with the administrator's token."""
        if user not in self.tokens:
            made = self.api("POST", f"users/{user}/tokens", {"note": "hub test", "expires_in": 3600})
            self.tokens[user] = made["token"]
        return self.tokens[user]

    def server_url(self, user: str) -> str:
        return f"{self.origin}/user/{user}"


class KernelSession:
    """A kernel in a participant's server, driven over its websocket as JupyterLab does."""

    def __init__(self, hub: Hub, user: str, notebook: str = NOTEBOOK):
        import websocket    # websocket-client, installed with the course's packages

        self.base = hub.server_url(user)
        self.headers = {"Authorization": f"token {hub.token(user)}"}
        # As JupyterLab opens a notebook: a session for the notebook's path, so the kernel's
        # working folder is the notebook's (the course's notebooks/), where load("vignettes/...") looks.
        answer = requests.post(f"{self.base}/api/sessions", headers=self.headers, timeout=60,
                               json={"path": notebook, "name": notebook, "type": "notebook",
                                     "kernel": {"name": "python3"}})
        if answer.status_code != 201:
            raise HubError(f"{user}: starting a kernel: HTTP {answer.status_code} {answer.text[:500]}")
        self.session_id = answer.json()["id"]
        self.kernel_id = answer.json()["kernel"]["id"]
        self.session = uuid.uuid4().hex
        ws_url = self.base.replace("http://", "ws://", 1) + f"/api/kernels/{self.kernel_id}/channels"
        self.ws = websocket.create_connection(
            f"{ws_url}?session_id={self.session}", timeout=EXECUTE_S,
            header=[f"{k}: {v}" for k, v in self.headers.items()])

    def execute(self, code: str) -> str:
        """Run `code`; return what it printed. An error in the kernel raises HubError with its traceback."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "", "session": self.session,
                       "msg_type": "execute_request", "version": "5.3",
                       "date": datetime.now(timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        out, error, reply, idle = [], None, None, False
        deadline = time.monotonic() + EXECUTE_S
        while not (reply and idle):
            if time.monotonic() > deadline:
                raise HubError(f"no reply from the kernel within {EXECUTE_S} s")
            message = json.loads(self.ws.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "stream" and message["content"]["name"] == "stdout":
                out.append(message["content"]["text"])
            elif kind == "error":
                error = "\n".join(message["content"]["traceback"])
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
            elif kind == "execute_reply":
                reply = message["content"]
        if error or reply.get("status") != "ok":
            raise HubError(f"the kernel's code failed:\n{error or reply}")
        return "".join(out)

    def disconnect(self) -> None:
        """Close the websocket (a browser tab closed); the kernel runs on."""
        self.ws.close()

    def close(self) -> None:
        """Close the websocket and shut the kernel down (the notebook closed)."""
        try:
            self.ws.close()
        finally:
            requests.delete(f"{self.base}/api/sessions/{self.session_id}", headers=self.headers, timeout=30)


# What a participant's notebook does, as one cell in their kernel (cwd: the course's notebooks/):
# open the journal, join group mode in the folder the hub names, play a vignette, check a question.
PLAY = """\
import json, os, sys
from casebook import Journal, Walkthrough, load
from casebook.group import GroupMode
from casebook.kinds.quiz.data import Attempt, load_quiz

journal = Journal()
group = GroupMode(journal)
code, folder = group.join(), group.folder      # the folder CASEBOOK_GROUP_FOLDER names
walk = Walkthrough(load({vignette!r}), journal)
walk.begin()
for choice in {path!r}:
    walk.choose(choice)
    walk.proceed()
attempt = Attempt(load_quiz({quiz!r}), journal)
fits = attempt.check({question!r}, {answer!r})
if {leave!r}:
    group.leave(delete=True)
print(json.dumps({{"journal": str(journal.path), "python": sys.executable, "cwd": os.getcwd(),
                  "code": code, "folder": str(folder),
                  "joined": group.joined, "ending": walk.scene.id if walk.finished else None,
                  "fits": fits, "error": group.error}}))
"""


@dataclass(frozen=True)
class Plan:
    """What one participant does: the choices to an ending, and one question's answer."""
    path: tuple[str, ...]
    question: str
    answer: tuple[str, ...]
    leave: bool = False         # leave group mode at the end, deleting what was shared


def play_code(plan: Plan) -> str:
    return PLAY.format(vignette=VIGNETTE, quiz=QUIZ, path=list(plan.path), question=plan.question,
                       answer=list(plan.answer), leave=plan.leave)


def result_of(printed: str) -> dict:
    """What the participant's cell printed last: its JSON line."""
    return json.loads(printed.strip().splitlines()[-1])


def open_notebooks(hub: Hub, users) -> dict[str, KernelSession]:
    """Each user opens the notebook: a kernel, connected; one after another, each kernel ready
    (it has answered) before the next starts.

    Why not all in the same second: each single-user server picks five free TCP ports for a new
    kernel, and the kernel binds them a moment later. Two servers starting kernels at the same
    moment can pick the same port; the second kernel then fails ("Address already in use"), is
    restarted on new ports, and its notebook waits for a minute or more (seen here with 16 at once
    on a busy 2-core machine, once in three runs). That is Jupyter's, not the course's, and the
    guide tells facilitators to let a group open the notebooks a little apart. What the
    participants then do runs at the same time (play_all)."""
    kernels: dict[str, KernelSession] = {}
    try:
        for user in users:
            kernels[user] = KernelSession(hub, user)
    except BaseException:
        close_all(kernels)
        raise
    return kernels


def close_all(kernels: dict[str, KernelSession]) -> None:
    """Every notebook closed (its kernel shut down), at once."""
    with ThreadPoolExecutor(max_workers=max(1, len(kernels))) as pool:
        list(pool.map(lambda kernel: kernel.close(), kernels.values()))


def play_all(hub: Hub, plans: dict[str, Plan]) -> dict[str, dict]:
    """Every participant opens the notebook, then all play at the same time, as in a room (one
    thread each); then every notebook is closed."""
    kernels = open_notebooks(hub, plans)
    try:
        with ThreadPoolExecutor(max_workers=len(plans)) as pool:
            futures = {user: pool.submit(kernels[user].execute, play_code(plan)) for user, plan in plans.items()}
            return {user: result_of(future.result()) for user, future in futures.items()}
    finally:
        close_all(kernels)


def paths_to_endings(vignette) -> list[tuple[str, ...]]:
    """For each first choice of the vignette, the shortest way from it to an ending (choice ids)."""
    from collections import deque

    found = []
    for first in vignette.scene(vignette.start).choices:
        queue = deque([(first.next, (first.id,))])
        seen = {first.next}
        while queue:
            scene_id, path = queue.popleft()
            scene = vignette.scene(scene_id)
            if scene.is_ending:
                found.append(path)
                break
            for choice in scene.choices:
                if choice.next not in seen:
                    seen.add(choice.next)
                    queue.append((choice.next, path + (choice.id,)))
    return found


def log_in(hub: Hub, user: str, password: str) -> int:
    """A participant logs in through the hub's form, as in a browser; the HTTP status of the answer
    (302 onwards into the hub when the password is right, 403 when it is not)."""
    with requests.Session() as browser:
        browser.get(f"{hub.origin}/hub/login", timeout=30)
        answer = browser.post(f"{hub.origin}/hub/login", allow_redirects=False, timeout=30,
                              data={"username": user, "password": password,
                                    "_xsrf": browser.cookies.get("_xsrf", "")})
        return answer.status_code


def lab_page_config(hub: Hub, user: str) -> dict:
    """The settings JupyterLab's page gives the browser (its jupyter-config-data), as the
    participant's browser receives them through the hub."""
    answer = requests.get(f"{hub.server_url(user)}/lab", timeout=30,
                          headers={"Authorization": f"token {hub.token(user)}"})
    if answer.status_code != 200:
        raise HubError(f"{user}: /lab answered HTTP {answer.status_code}")
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                      answer.text, re.S)
    if not found:
        raise HubError(f"{user}: /lab has no jupyter-config-data")
    return json.loads(found.group(1))


def dashboard_page(hub: Hub, user: str) -> str:
    """The facilitator's dashboard as Voila renders it from their own server (hub/jupyterhub_config.py
    sets its template): the page's HTML, after the notebook has run."""
    answer = requests.get(f"{hub.server_url(user)}/voila/render/facilitator/group-view.ipynb", timeout=EXECUTE_S,
                          headers={"Authorization": f"token {hub.token(user)}"})
    if answer.status_code != 200:
        raise HubError(f"{user}: the dashboard answered HTTP {answer.status_code}: {answer.text[:500]}")
    return answer.text


def off_host_urls(html: str, origin: str) -> list[str]:
    """The URLs of other hosts a page loads (scripts, style sheets, images, fonts)."""
    urls = re.findall(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)""", html)
    urls += re.findall(r"""@import\s+(?:url\()?["']?((?:https?:)?//[^"')]+)""", html)
    return [u for u in urls if not (u.startswith(origin) or u.startswith(origin.replace("http:", "", 1)))]


def ending_of(vignette, path: tuple[str, ...]) -> str:
    """The ending a path of choices leads to (the test's own walk through the vignette's scenes)."""
    scene = vignette.start
    for choice in path:
        scene = vignette.scene(scene).choice(choice).next
    assert vignette.scene(scene).is_ending, f"{path} ends in {scene}, not an ending"
    return scene


def expected_counts(plans: dict[str, Plan], vignette) -> dict[tuple[str, str], dict[str, int]]:
    """What the facilitator's view must count, worked out from the plans alone: per (scene, or
    question) the people per choice (or option)."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for plan in plans.values():
        if plan.leave:
            continue
        scene = vignette.start
        for choice in plan.path:
            per = counts.setdefault(("scene", scene), {})
            per[choice] = per.get(choice, 0) + 1
            scene = vignette.scene(scene).choice(choice).next
        for option in plan.answer:
            per = counts.setdefault(("question", plan.question), {})
            per[option] = per.get(option, 0) + 1
    return counts


# ---------------------------------------------------------------------------------------------------
# The test
# ---------------------------------------------------------------------------------------------------
PARTICIPANTS = 8


def test_a_group_of_eight_on_a_real_hub(tmp_path):
    from casebook import Journal, load
    from casebook.group.aggregate import summarise
    from casebook.kinds.quiz.data import load_quiz

    vignette = load(ROOT / "notebooks" / VIGNETTE)
    quiz = load_quiz(ROOT / "notebooks" / QUIZ)
    paths = paths_to_endings(vignette)
    assert len(paths) >= 2, "the vignette needs two first choices that lead to an ending"
    path_a, path_b = paths[-1], paths[0]
    question = next(q for q in quiz.questions if q.kind == "single")
    best = tuple(sorted(question.best))
    other = (next(o.id for o in question.options if not o.fits),)
    users = [f"participant{n}" for n in range(1, PARTICIPANTS + 1)] + ["facilitator"]
    # Five take one way, three another; six answer as the course reads it, two otherwise (a count
    # the view must not show). The facilitator shows the group how it works, then leaves group
    # mode and deletes what they shared, and later opens the dashboard from their own server.
    plans = {user: Plan(path_a if n < 5 else path_b, question.id, best if n < 6 else other)
             for n, user in enumerate(users[:PARTICIPANTS])}
    plans["facilitator"] = Plan(path_b, question.id, other, leave=True)

    hub = Hub(tmp_path, users)
    started = time.monotonic()
    try:
        hub.start()
        hub.create_users()
        assert log_in(hub, "participant1", "not-the-password") == 403
        assert log_in(hub, "participant1", PASSWORD) == 302
        assert log_in(hub, "somebody-else", PASSWORD) == 403, "only the participants added may log in"
        hub.start_servers()
        hub.wait_ready()
        ready = time.monotonic()
        # hub/jupyterhub_config.py reached JupyterLab: nothing fetched from the internet.
        lab = lab_page_config(hub, "participant1")
        assert lab["news"] == {"disabled": True}
        assert lab["extensionManager"]["name"] == "read-only", lab["extensionManager"]
        results = play_all(hub, plans)
        played = time.monotonic()
        summary = summarise(hub.group_folder)
        dashboard = dashboard_page(hub, "facilitator")
    except BaseException:
        print(f"The end of the hub's log (the hub, the proxy and every server):\n{hub.log_tail(6000)}")
        raise
    finally:
        hub.stop()
    print(f"\n{len(users)} participants: hub and servers ready in {ready - started:.1f} s, "
          f"played in {played - ready:.1f} s, stopped in {time.monotonic() - played:.1f} s")
    assert hub.processes() == [], "processes left running after the hub stopped"

    # Each participant ran in their own server, on the course, with the .venv's Python, their own
    # journal in their own home, in the shared folder; each played to an ending.
    for user, result in results.items():
        assert result["python"] == sys.executable, result
        assert Path(result["cwd"]) == hub.course, result
        assert Path(result["journal"]).is_relative_to(hub.home(user)), result
        assert Path(result["folder"]) == hub.group_folder, result
        assert result["error"] is None, result
        assert result["joined"] is not plans[user].leave
        assert result["ending"] == ending_of(vignette, plans[user].path), result
        assert result["fits"] == (plans[user].answer == best)
        with Journal(result["journal"]) as journal:
            assert [s.choice_id for s in journal.choices(vignette.id)] == list(plans[user].path)
            assert [a.item_id for a in journal.answers(quiz.id)] == [question.id]

    # The shared folder: one file per participant who stayed, named by a code and not a name.
    staying = {user: result for user, result in results.items() if not plans[user].leave}
    files = sorted(p.name for p in hub.group_folder.iterdir())
    assert files == sorted(f"{r['code']}.json" for r in staying.values())
    assert len({r["code"] for r in results.values()}) == len(results), "two participants got one code"
    for path in hub.group_folder.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not any(user in text for user in users), f"{path.name} names a participant"

    # The dashboard from the facilitator's server: run without an error, no code shown, nothing
    # from another host. (What it draws is checked in a browser by tests/test_voila.py.)
    assert "application/vnd.jupyter.widget-view+json" in dashboard, "the dashboard shows no widget"
    assert "GroupDashboard(" not in dashboard and "default_folder" not in dashboard, "code is shown"
    assert "There was an error" not in dashboard and "application/vnd.jupyter.stderr" not in dashboard
    assert "/voila/templates/casebook-dashboard/" in dashboard, "not the course's template"
    assert off_host_urls(dashboard, hub.origin) == []

    # The facilitator's aggregate: exactly these participants and counts, under 3 not shown.
    assert summary.broken == () and summary.problem == ""
    assert summary.participants == PARTICIPANTS
    assert summary.vignettes == [vignette.id] and summary.quizzes == [quiz.id]
    expected = expected_counts(plans, vignette)
    seen = {("scene", t.item): t for t in summary.decisions} | {("question", t.item): t for t in summary.questions}
    assert set(seen) == set(expected)
    for key, per in expected.items():
        shown_counts = {c.id: c.n for c in seen[key].counts}
        assert shown_counts == {id_: (n if n >= 3 else None) for id_, n in per.items()}, key
    first = summary.decision(vignette.id, vignette.start)
    assert first.count(path_a[0]).n == 5 and first.count(path_b[0]).n == 3
    answered = summary.question(quiz.id, question.id)
    assert answered.count(best[0]).n == 6
    assert answered.count(other[0]).suppressed, "two people's answer must show no count"
