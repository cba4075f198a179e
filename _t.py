import sqlite3, time
c = sqlite3.connect('bench/out/corpus-1m-s7.db')
terms = ['北京','病例','下降','qp62','日均','退票','西站','md1218','qn12000','政策']
for q in ["SELECT term, doc FROM claim_terms_vocab WHERE term IN (%s)" % ','.join('?'*len(terms))]:
    for i in range(3):
        t=time.perf_counter(); r=c.execute(q, terms).fetchall(); print(len(r), (time.perf_counter()-t)*1000)
t=time.perf_counter()
for term in terms: c.execute("SELECT doc FROM claim_terms_vocab WHERE term = ?", (term,)).fetchall()
print('eq each', (time.perf_counter()-t)*1000)
print(c.execute("EXPLAIN QUERY PLAN SELECT term, doc FROM claim_terms_vocab WHERE term IN ('a','b')").fetchall())
print(c.execute("select count(*) from claim_terms_vocab").fetchone() if False else '')
