import json,subprocess,os,re
def norm(s): return s.replace(';','；').replace('(','（').replace(')','）').replace(':','：').replace(' ','')
os.chdir('/tmp/wt-t5')
env=dict(os.environ,POLICY_DESK_CORPUS_DIR='/tmp/t5-corpus',POLICY_DESK_DB='/tmp/t5-data/pd.db')
D='tests/eval/dev/round5/docs/'
qs=[];meta=[]
for f in sorted(os.listdir(D)):
    if not f.endswith('.txt'): continue
    art=None; item=None
    for l in open(D+f,encoding='utf8').read().split('\n'):
        if not l: continue
        m=re.match(r'^(第[一二三四五六七八九十百]+条)',l)
        if m: art=m.group(1)
        exp=art
        m2=re.match(r'^（([一二三四五六七八九十]+)）',l)
        if m2 and art: exp=art+'（'+m2.group(1)+'）'
        body=re.sub(r'^（[一二三四五六七八九十]+）','',re.sub(r'^第[一二三四五六七八九十百]+条\s*','',l))
        if re.match(r'^第[一二三四五六七]+章',l): continue
        qs.append(body[:60]); meta.append((f[:-4],exp,l))
p=subprocess.run(['node','bin/policy-desk.cjs','search','--json','--limit','3'],input='\n'.join(qs)+'\n',capture_output=True,text=True,env=env)
out=[json.loads(x) for x in p.stdout.splitlines() if x.strip()]
bad=0
for (doc,exp,l),o,q in zip(meta,out,qs):
    hs=o.get('hits',[])
    cont=[h for h in hs if h.get('docId')==doc and norm(q[:25]) in norm(h['text'].replace('\n',''))]
    paths=[h['path'] for h in cont]
    if not cont or (exp and not any(p.split(' #')[0]==exp or (p.startswith(exp) and '（' not in exp) for p in paths)):
        bad+=1; print(doc,'| exp',exp,'| got',[(h.get('docId','')[:8],h['path']) for h in hs][:3],'|',l[:40])
print('bad',bad,'of',len(qs))
