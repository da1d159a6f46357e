#!/usr/bin/env bash
# hb.sh NAME JAR [extra bench args...]: one direct run, plus the writer thread's CPU per message
name=$1; jar=$2; shift 2
cd /work/h20
rd=/work/h20-runs/$name
rm -rf $rd
load0=$(cut -d' ' -f1 /proc/loadavg)
bench/run direct --server-jar /work/h20-jars/$jar.jar "$@" --pairs 500 --rate ${RATE:-max} --window 2 --warmup 5s --duration 15s --run-dir $rd --json /work/h20-runs/$name.json > /work/h20-runs/$name.out 2>&1 &
bp=$!
wcpu=0; tcpu=0; wch=0
while kill -0 $bp 2>/dev/null; do
  pid=$(pgrep -f "chapar-data\|$rd" -n 2>/dev/null | head -1)
  pid=$(for p in $(pgrep java); do grep -q "$rd" /proc/$p/cmdline 2>/dev/null && [ $p != $bp ] && echo $p; done | tail -1)
  if [ -n "$pid" ]; then
    for t in /proc/$pid/task/*; do
      if [ "$(cat $t/comm 2>/dev/null)" = "sqlite-writer" ]; then
        w=$(awk '{print $14+$15}' $t/stat 2>/dev/null); [ -n "$w" ] && wcpu=$w
      fi
    done
    x=$(awk '{print $14+$15}' /proc/$pid/stat 2>/dev/null); [ -n "$x" ] && tcpu=$x
    y=$(awk "/^write_bytes/{print \$2}" /proc/$pid/io 2>/dev/null); [ -n "$y" ] && wch=$y
  fi
  sleep 0.5
done
load1=$(cut -d' ' -f1 /proc/loadavg)
msgs=$(sqlite3 $rd/chapar-data-*/chapar.db "select count(*) from messages" 2>/dev/null)
res=$(python3 -c "
import json;d=json.load(open('/work/h20-runs/$name.json'))['results'][0]['metrics']
print('%s rate=%.0f p50=%.0f p99=%.0f cpu1k=%.1f' % ('$name', d['delivered']['value'], d['latency p50']['value'], d['latency p99']['value'], d['server cpu per 1k msgs']['value']), end=' ')
print('err=%d undeliv=%d' % (d['send errors']['value'], d['undelivered after drain']['value']), end=' ')
")
echo "$res msgs=$msgs writer_us/msg=$(python3 -c "print(round($wcpu*10000/$msgs,1))") proc_us/msg=$(python3 -c "print(round($tcpu*10000/$msgs,1))") wKB/msg=$(python3 -c "print(round($wch/1024/$msgs,1))") load=$load0-$load1"
