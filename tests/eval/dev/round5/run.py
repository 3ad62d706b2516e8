import json,subprocess,sys,os,yaml
os.chdir('/tmp/wt-t5')
env=dict(os.environ,POLICY_DESK_CORPUS_DIR='/tmp/t5-corpus',POLICY_DESK_DB='/tmp/t5-data/pd.db')
d=yaml.safe_load(open('tests/eval/dev/round5/questions.yaml',encoding='utf8'))
qs=d['questions']; allq=[q['q'] for q in qs]+d['offTopic']+d['unanswerable']
def batch(cmd):
    p=subprocess.run(['node','bin/policy-desk.cjs',cmd,'--json','--limit','10'],input='\n'.join(allq)+'\n',capture_output=True,text=True,env=env)
    out=[json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    assert len(out)==len(allq),(len(out),len(allq),p.stderr[:500])
    return out
S=batch('search'); A=batch('ask')
json.dump({'search':S,'ask':A},open('/tmp/t5-work/res/raw.json','w'),ensure_ascii=False)
def hit(h,q): return h.get('docId')==q['docId'] and any(p in h.get('text','') for p in q['phrases'])
cats={}
rows=[]
for i,q in enumerate(qs):
    hs=S[i].get('hits',[]); ah=A[i].get('hits',[]) or []
    r1=bool(hs) and hit(hs[0],q); r3=any(hit(h,q) for h in hs[:3])
    a1=bool(ah) and hit(ah[0],q)
    ans=ah[0].get('answer') if ah else None
    c=cats.setdefault(q['category'],[0,0,0]); c[0]+=1;c[1]+=r1;c[2]+=r3
    rank=next((k+1 for k,h in enumerate(hs) if hit(h,q)),None)
    rows.append(dict(id=q['id'],cat=q['category'],q=q['q'],doc=q['docId'],phrase=q['phrases'][0],h1=r1,h3=r3,rank=rank,askh1=a1,status=A[i].get('status'),kind=A[i].get('kind'),
      top=(hs[0]['docId'],hs[0]['path']) if hs else None, answer=ans, ans_in_text=(ans in ah[0]['text']) if ans and ah else None,
      ans_has_phrase=(any(p in ans or ans in p for p in q['phrases'])) if ans else None))
json.dump(rows,open('/tmp/t5-work/res/rows.json','w'),ensure_ascii=False,indent=0)
n=len(qs); print('hit@1',sum(r['h1'] for r in rows)/n,'hit@3',sum(r['h3'] for r in rows)/n,'ask hit@1',sum(r['askh1'] for r in rows)/n)
for k,v in cats.items(): print(k,v)
for doc in sorted(set(q['docId'] for q in qs)):
    rr=[r for r in rows if r['doc']==doc]; print(doc,sum(r['h1'] for r in rr),sum(r['h3'] for r in rr),len(rr))
off=S[len(qs):len(qs)+10]; un=S[len(qs)+10:]
print('offTopic rejected',sum(1 for o in off if not o.get('hits')),'/10')
print('unanswerable no hits',sum(1 for o in un if not o.get('hits')),'/10')
