"""Lookups in worker processes answer exactly as the desk's own lookup does, and a worker's caches do
not slow the collector down as it runs.

Every text here was written for these tests (the seed article's claims retold).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.desk.service import Desk
from bot.errors import InputError
from bot.lookup.match import LookupResult
from bot.lookup.message import Answer, MessageResult, answer
from bot.lookup.pool import LookupPool

ROOT = Path(__file__).resolve().parents[2]
QUERY = "北京西站每天退票一万两千张？"
MESSAGE = (
    "09:12 老李 网传：\n"
    "1. 北京西站日均退票量达到1.2万张，比政策实施前多了三倍多！\n"
    "2. 有评估说政策实施后北京日增病例两周内降了六成。\n"
    "3. 临河县下个月起公交全部免费乘坐，请大家转告。"
)
ANOTHER = (
    "转发：听说北京连续多天新增本土确诊病例过千例，市政府12月16日又出台了新的防控措施。\n"
    "社区志愿者和基层工作人员一起保障居民的基本生活，医院也在扩充重症床位。\n"
    "青石市今年的草莓节改在四月举办，门票免费。"
)


def _shape(looked: Answer) -> object:
    """What an answer says: statuses, claims found and their scores (a message claim by claim)."""
    if isinstance(looked, MessageResult):
        return [(c.text, _shape(c.result) if c.result else None) for c in looked.claims]
    assert isinstance(looked, LookupResult)
    return (
        looked.status,
        looked.confidence,
        [(m.claim.claim_id, m.score, m.reasons) for m in looked.matches],
    )


async def test_a_worker_process_answers_as_the_desk_does(desk: Desk) -> None:
    pool = await LookupPool.start(desk.settings.db_path, desk.settings.seeds_path(), 1)
    try:
        for text in (QUERY, MESSAGE):
            assert _shape(await pool.lookup(text)) == _shape(await answer(desk.db, text, desk.glossary))
        with pytest.raises(InputError):
            await pool.lookup("   ")
        [bad, good] = await pool.lookup_many(["", QUERY])
        assert isinstance(bad, InputError)
        assert _shape(good) == _shape(await answer(desk.db, QUERY, desk.glossary))  # type: ignore[arg-type]
    finally:
        pool.close()


_COLLECTOR_PROBE = """
import gc, sys
from pathlib import Path
from bot.lookup.pool import LookupWorker
worker = LookupWorker(sys.argv[1], Path(sys.argv[2]))
worker.answer(sys.argv[3])
first = len(gc.get_objects())
for line in sys.argv[3].splitlines()[1:]:
    worker.answer(line[3:] + "吗？")
try:
    worker.answer("")
except Exception:
    pass
worker.answer(sys.argv[4])
print(first, len(gc.get_objects()), len(gc.garbage))
worker.close()
"""


async def test_a_worker_leaves_the_collector_only_what_its_last_lookup_made(desk: Desk) -> None:
    # The caches a lookup fills (bigrams, term sets, 3-grams of texts) are frozen before the next
    # lookup, so the collector's passes do not walk more of them the longer the worker runs.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _COLLECTOR_PROBE,
            desk.settings.db_path,
            str(desk.settings.seeds_path()),
            MESSAGE,
            ANOTHER,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    first, last, garbage = map(int, done.stdout.split())
    assert 0 < last <= first * 1.5  # a message like the first: about as many objects, not all since
    assert garbage == 0
