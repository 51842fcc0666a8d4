#!/usr/bin/env python3
"""Writes eyrie-alerts.ndjson (Kibana saved objects). Edit here, run it, commit both: the NDJSON is what
docker-compose imports and what deploy-tests checks (every reference resolves, the data view matches the alert index).
"""
import json, pathlib

DATA_VIEW = "eyrie-alerts"
IDX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"


def search_source(query=""):
    return json.dumps({"query": {"query": query, "language": "kuery"}, "filter": [], "indexRefName": IDX_REF})


def vis(vid, title, vis_type, aggs, params):
    return {
        "id": vid, "type": "visualization",
        "attributes": {
            "title": title, "description": "", "version": 1, "uiStateJSON": "{}",
            "visState": json.dumps({"title": title, "type": vis_type, "aggs": aggs, "params": params}),
            "kibanaSavedObjectMeta": {"searchSourceJSON": search_source()},
        },
        "references": [{"name": IDX_REF, "type": "index-pattern", "id": DATA_VIEW}],
    }


def terms(agg_id, field, size, schema):
    return {"id": agg_id, "enabled": True, "type": "terms", "schema": schema,
            "params": {"field": field, "size": size, "order": "desc", "orderBy": "1"}}


COUNT = {"id": "1", "enabled": True, "type": "count", "schema": "metric", "params": {}}

objects = [
    {
        "id": DATA_VIEW, "type": "index-pattern",
        "attributes": {"title": "eyrie-alerts*", "name": "Eyrie alerts", "timeFieldName": "time"},
        "references": [],
    },
    {
        "id": "eyrie-alerts-search", "type": "search",
        "attributes": {
            "title": "Eyrie alerts", "description": "Every alert, newest first.",
            "columns": ["priority", "rule", "hostname", "output"], "sort": [["time", "desc"]],
            "kibanaSavedObjectMeta": {"searchSourceJSON": search_source()},
        },
        "references": [{"name": IDX_REF, "type": "index-pattern", "id": DATA_VIEW}],
    },
    vis("eyrie-alerts-over-time", "Eyrie alerts over time by priority", "histogram",
        [COUNT,
         {"id": "2", "enabled": True, "type": "date_histogram", "schema": "segment",
          "params": {"field": "time", "interval": "auto", "min_doc_count": 1, "extended_bounds": {}}},
         terms("3", "priority", 8, "group")],
        {"type": "histogram", "addLegend": True, "legendPosition": "right", "addTooltip": True}),
    vis("eyrie-alerts-by-priority", "Eyrie alerts by priority", "pie",
        [COUNT, terms("2", "priority", 8, "segment")],
        {"type": "pie", "isDonut": True, "addLegend": True, "legendPosition": "right", "addTooltip": True}),
    vis("eyrie-top-rules", "Eyrie top rules", "table",
        [COUNT, terms("2", "rule", 20, "bucket")],
        {"perPage": 20, "showPartialRows": False, "showMetricsAtAllLevels": False, "showTotal": True}),
    vis("eyrie-top-hosts", "Eyrie top hosts", "table",
        [COUNT, terms("2", "hostname", 20, "bucket")],
        {"perPage": 20, "showPartialRows": False, "showMetricsAtAllLevels": False, "showTotal": True}),
]

panels_spec = [  # (object id, type, x, y, w, h)
    ("eyrie-alerts-over-time", "visualization", 0, 0, 32, 14),
    ("eyrie-alerts-by-priority", "visualization", 32, 0, 16, 14),
    ("eyrie-top-rules", "visualization", 0, 14, 24, 14),
    ("eyrie-top-hosts", "visualization", 24, 14, 24, 14),
    ("eyrie-alerts-search", "search", 0, 28, 48, 20),
]
panels, refs = [], []
for i, (oid, otype, x, y, w, h) in enumerate(panels_spec):
    ref = f"panel_{i}"
    panels.append({"panelIndex": str(i + 1), "gridData": {"x": x, "y": y, "w": w, "h": h, "i": str(i + 1)},
                   "embeddableConfig": {}, "panelRefName": ref, "type": otype, "version": "8.15.5"})
    refs.append({"name": ref, "type": otype, "id": oid})

objects.append({
    "id": "eyrie-alerts-dashboard", "type": "dashboard",
    "attributes": {
        "title": "Eyrie alerts", "description": "Alerts from Eyrie's detection and correlation jobs.",
        "panelsJSON": json.dumps(panels), "optionsJSON": json.dumps({"useMargins": True, "hidePanelTitles": False}),
        "timeRestore": True, "timeFrom": "now-24h", "timeTo": "now",
        "refreshInterval": {"pause": False, "value": 10000}, "version": 1,
        "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps({"query": {"query": "", "language": "kuery"},
                                                                  "filter": []})},
    },
    "references": refs,
})

out = pathlib.Path(__file__).with_name("eyrie-alerts.ndjson")
out.write_text("".join(json.dumps(o, sort_keys=True) + "\n" for o in objects))
print(f"wrote {out} ({len(objects)} objects)")
