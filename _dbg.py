import asyncio, sys
from dataclasses import replace
from bot.config import Settings
from bot.desk import Desk
from bot.lookup import prepare
async def main():
    s = replace(Settings.from_env(env={}), db_path='/tmp/fb.db')
    d = await Desk.open(s)
    for q in sys.argv[1:]:
        p = prepare(q, d.glossary)
        print(q, p.terms, p.quantities and [(x.value,x.unit) for x in p.quantities])
        r = (await d.check(q)).result
        print(' ', r.status)
        for m in r.matches: print('   ', m.score, m.reasons, m.claim.text[:60])
    await d.close()
asyncio.run(main())
