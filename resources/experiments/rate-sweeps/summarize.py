import json,sys
for f in sys.argv[1:]:
    d=json.load(open(f))
    for g in d['groups']:
        print(f"{g['flow']:13s} d={g['dim']} slope {g['slope']:+.3f} t95 [{g['ci95'][0]:+.3f},{g['ci95'][1]:+.3f}] boot [{g['bootstrap95'][0]:+.3f},{g['bootstrap95'][1]:+.3f}] half-time {g['half_time_slope']:+.3f} theory {g['theory']:+.3f}")
        print("   local", [round(l['slope'],3) for l in g['local_slopes']])
        print("   levels", [(l['x'], f"{l['mean']:.4g}", f"{l['converged']}/{l['runs']}", round(l['mean_stop_time'],1)) for l in g['levels']])
