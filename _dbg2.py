import asyncio, sys, math
from dataclasses import replace
from bot.config import Settings
from bot.desk import Desk
from bot import lookup as L
from bot.store import claims as store
from bot.text.terms import fts_query
async def main():
    s = replace(Settings.from_env(env={}), db_path='/tmp/fb.db')
    d = await Desk.open(s)
    for q in sys.argv[1:]:
        p = L.prepare(q, d.glossary)
        df = await store.term_frequencies(d.db, p.terms)
        n = await store.claim_count(d.db)
        idf = {t: math.log(1 + n / (df[t] + 0.5)) for t in p.terms}
        print(q, df)
        rowids = await store.match_rowids(d.db, fts_query([t for t in p.terms if df[t]]), 60)
        ranked = sorted((L.score_candidate(p, c, idf) for c in await store.candidates(d.db, rowids)), key=lambda m: -m.score)
        for m in ranked[:3]: print('   ', m.score, m.reasons, m.claim.text[:60])
    await d.close()
asyncio.run(main())
