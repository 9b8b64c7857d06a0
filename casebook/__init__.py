"""casebook: branching case vignettes, a learner's journal and small exercises for the course.

Public API (imported lazily, so `python -m casebook check` does not pull in ipywidgets):
    load(path) -> Vignette            raises VignetteError listing every problem as FILE:LINE: ...
    Walkthrough(vignette, journal)    the logic of playing a vignette, plain Python
    Player(vignette, journal)         the ipywidgets view over a Walkthrough
    Journal(path=None)                the learner's SQLite journal
    KnowledgeCheck, NoteReframe, ProtectionMapView, ThenAndNowView, SeatingView, WindowView
                                      the module exercises besides vignettes
    AssessmentView, EvaluationView    the final assessment and the course evaluation
    ProgressView, CertificateView, TakeAwayView
                                      progress, the certificate, the portfolio and learning records
"""
from importlib import import_module

_WHERE = {
    "load": "casebook.kinds.vignette.loader",
    "VignetteError": "casebook.errors",
    "Problem": "casebook.errors",
    "Vignette": "casebook.kinds.vignette.model",
    "Walkthrough": "casebook.kinds.vignette.walkthrough",
    "Player": "casebook.kinds.vignette.player",
    "Journal": "casebook.journal",
    "KnowledgeCheck": "casebook.kinds.quiz.view",
    "NoteReframe": "casebook.kinds.reframe.view",
    "ProtectionMapView": "casebook.kinds.protection_map.view",
    "ThenAndNowView": "casebook.kinds.then_and_now.view",
    "SeatingView": "casebook.kinds.seating.view",
    "ReflectionView": "casebook.kinds.reflection.view",
    "WindowView": "casebook.kinds.window.view",
    "AssessmentView": "casebook.kinds.assessment.view",
    "EvaluationView": "casebook.kinds.evaluation.view",
    "ProgressView": "casebook.completion.views",
    "CertificateView": "casebook.completion.views",
    "TakeAwayView": "casebook.completion.views",
    "GroupModeView": "casebook.group.views",
    "GroupDashboard": "casebook.group.views",
    "GroupMode": "casebook.group.share",
}

__all__ = sorted(_WHERE)


def __getattr__(name):
    if name not in _WHERE:
        raise AttributeError(f"module 'casebook' has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
