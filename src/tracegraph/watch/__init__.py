"""Watch: rules over what is new (folders, feeds, list versions, judgements) and alerts with evidence.

>>> watcher = Watcher(store, settings)                            # doctest: +SKIP
>>> watcher.add(Rule("entity", "Harborlight Chemical", hops=2))  # doctest: +SKIP
>>> watcher.add(Source("folder", "inbox/"))                       # doctest: +SKIP
>>> watcher.add(Sink("jsonl", "alerts.jsonl"))                    # doctest: +SKIP
>>> watcher.run().alerts                                          # doctest: +SKIP
"""

from __future__ import annotations

from tracegraph.watch.config import Rule, Sink, Source, watch_dir
from tracegraph.watch.retry import Backoff
from tracegraph.watch.runner import RunReport, Watcher

__all__ = ["Backoff", "Rule", "RunReport", "Sink", "Source", "Watcher", "watch_dir"]
