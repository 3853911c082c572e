"""The smallest valid set of the board's files (a row or two per table), and ways to compare databases."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData, select
from sqlalchemy.engine import Engine

from data_model.tables import SEED_TABLES, DataLoad
from data_model.writes.audit import data_version
from data_model.writes.csv_files import SPECS

MINIMAL_SET: dict[str, str] = {
    "decision.csv": (
        "reference,title,decision_maker,decision_date,initial_value,advertised_maximum,"
        "further_decision_threshold,source,illustrative\n"
        'PCD 1,Victim care programme,Deputy Mayor,2025-04-01,"£1,000,000.00",1500000,,'
        "PCD 1 §2,false\n"
    ),
    "decision_funding.csv": (
        "id,decision_ref,funder,amount,source,illustrative\nF1,PCD 1,MOPAC core,1000000,PCD 1 §3,false\n"
    ),
    "decision_fact.csv": (
        "id,decision_ref,fact,value,fact_date,source,illustrative\n"
        "DF1,PCD 1,Approved by the board,,2025-03-01,PCD 1 §4,false\n"
    ),
    "decision_condition.csv": (
        "id,decision_ref,kind,description,amount,counted,period_start,period_months,past_it,near_percent,"
        "project_reading,source,illustrative\n"
        "DC1,PCD 1,cap per year,up to £600000 a year,600000,financial year,,,breach,80,,PCD 1 §3,false\n"
    ),
    "budget_line.csv": (
        "id,decision_ref,purpose,financial_year,funding_source,amount,kind,project_reading,source,illustrative\n"
        "B1,PCD 1,Victim hub,2025/26,MOPAC core,500000,initial,,PCD 1 §3,false\n"
        "B2,PCD 1,Forums,2025/26,MOPAC core,50000,initial,,PCD 1 §3,true\n"
    ),
    "condition_line.csv": ("id,condition_id,budget_line_id,source,illustrative\nCL1,DC1,B1,PCD 1 §3,false\n"),
    "spend.csv": (
        "id,spend_date,amount,budget_line_id,supplier,description,source,illustrative\n"
        "S1,2025-06-30,1234.50,B1,Acme Ltd,Q1 invoice,Ledger,true\n"
        "S2,2025-07-31,6000,B2,Forum Partner CIC,,Ledger,yes\n"
    ),
    "board_meeting.csv": (
        "id,meeting_date,title,source,illustrative,minutes_status,minutes_confirmed_by\n"
        "BM1,2025-05-01,Programme board,Minutes,false,Draft,\n"
        "BM5,2025-07-01,Programme board,Minutes,false,Draft,\n"
    ),
    "forum.csv": (
        "id,cohort,status,facilitator,start_date,contract_end_date,decision_ref,partner,project_reading,source,"
        "illustrative\n"
        "FO1,Young victims,Active,Jane Smith,2025-04-01,2027-03-31,PCD 1,Partner CIC,,"
        "PCD 1 §4,true\n"
    ),
    "forum_meeting.csv": (
        "id,forum_id,meeting_date,participants,mps_attendees,mopac_attendees,themes,source,"
        "illustrative\n"
        "FM1,FO1,2025-06-01,8,1,2,Court delays,Notes,true\n"
    ),
    "forum_insight.csv": (
        "id,forum_id,raised_date,you_said,owner,we_did,status,closed_date,source,illustrative\n"
        "FI1,FO1,2025-06-01,Updates come too late,Met,,Open,,Notes,true\n"
    ),
    "recommendation.csv": (
        "id,source_review,reference,text,owner_agency,oversight_board,due_date,decision_ref,"
        "project_reading,source,illustrative\n"
        "R1,VCOP review,Rec 1,Tell victims about delays,Met,Victim care board,2026-03-31,PCD 1,"
        ",Review p.4,false\n"
    ),
    "progress_update.csv": (
        "id,recommendation_id,update_date,status,percent_complete,narrative,source,illustrative\n"
        "P1,R1,2025-09-01,Amber,40,On track for March,Board paper,true\n"
    ),
    "compliance_measure.csv": (
        "id,measure,right_number,agency,quarter,numerator,denominator,source,illustrative\n"
        "C1,Needs assessment offered,4,Met,2025/26 Q1,80,100,Return,true\n"
    ),
    "risk.csv": (
        "id,kind,title,description,owner,decision_ref,forum_id,recommendation_id,likelihood,impact,proximity,"
        "response,target_score,status,raised_date,review_date,closed_date,source,illustrative\n"
        "K1,risk,Spend nears the line,,MOPAC,PCD 1,FO1,R1,3,4,This year,treat,6,Open,2025-05-01,2025-11-01,,"
        "Board paper,true\n"
    ),
    "risk_assessment.csv": (
        "id,risk_id,assessed_on,likelihood,impact,note,source,illustrative\nRA1,K1,2025-08-01,4,4,Rising,Minutes,true\n"
    ),
    "milestone.csv": (
        "id,title,decision_ref,forum_id,baselined_on,baseline_date,actual_date,status,source,illustrative\n"
        "M1,Forum mobilised,PCD 1,FO1,2025-04-01,2025-09-30,,Planned,PCD 1 §4,true\n"
    ),
    "milestone_forecast.csv": (
        "id,milestone_id,changed_on,forecast_date,note,source,illustrative\n"
        "MF1,M1,2025-06-01,2025-10-31,Later start,Minutes,true\n"
    ),
    "board_action.csv": (
        "id,meeting_id,action,owner,due_date,status,closed_date,latest_update,source,illustrative\n"
        "A1,BM1,Report spend,MOPAC,2025-06-01,Done,2025-05-20,Sent,Minutes,true\n"
    ),
    "agenda_item.csv": (
        "id,meeting_id,number,title,shows,presenter,minutes_allowed,source,illustrative\n"
        "AI1,BM1,1,Money against the decisions,money,MOPAC Finance,10,Agenda,false\n"
        "AI5,BM5,1,Any other business,other business,,,Agenda,false\n"
    ),
    "board_attendance.csv": (
        "id,meeting_id,name,organisation,attendance,source,illustrative\nAT1,BM1,Chair,MOPAC,present,Minutes,false\n"
    ),
    "board_decision.csv": (
        "id,meeting_id,agenda_item_id,summary,outcome,decision_ref,risk_id,recommendation_id,milestone_id,forum_id,"
        "source,illustrative\n"
        "BD1,BM1,AI1,Ask for a further decision,agreed,,,,,,Minutes,false\n"
    ),
}
MINIMAL_ROWS = 26


def write_set(
    directory: Path,
    edits: dict[str, list[tuple[str, str]]] | None = None,
    contents: dict[str, bytes | str | None] | None = None,
) -> Path:
    """Write the minimal set to `directory`, with `edits` (file -> (old, new) text replacements,
    each of which must apply) and `contents` (file -> whole new content; None removes the file)."""
    directory.mkdir(parents=True, exist_ok=True)
    texts: dict[str, bytes | str | None] = dict(MINIMAL_SET)
    for file, replacements in (edits or {}).items():
        text = texts[file]
        assert isinstance(text, str)
        for old, new in replacements:
            assert old in text, f"{old!r} is not in {file}"
            text = text.replace(old, new, 1)
        texts[file] = text
    texts.update(contents or {})
    for file, content in texts.items():
        if content is None:
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        (directory / file).write_bytes(data)
    return directory


def data_loads(engine: Engine) -> list[dict]:
    with engine.connect() as connection:
        rows = connection.execute(select(DataLoad.__table__).order_by(DataLoad.id)).mappings()
        return [dict(row) for row in rows]


def snapshot(engine: Engine) -> dict[str, object]:
    """Every seeded row, the number of audit rows and the data version: 'the database'."""
    state: dict[str, object] = {}
    with engine.connect() as connection:
        for model in SEED_TABLES:
            table = model.__table__
            state[table.name] = sorted(tuple(row) for row in connection.execute(select(table)))
    state["data_load rows"] = len(data_loads(engine))
    state["data version"] = data_version(engine)
    return state


def rows_by_key(engine: Engine, table: str) -> dict[str, dict]:
    spec = SPECS[table]
    with engine.connect() as connection:
        rows = connection.execute(select(spec.model.__table__)).mappings()
        return {row[spec.key]: dict(row) for row in rows}


def dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table in the database (the audit trail and Alembic's too), sorted."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted(map(tuple, connection.execute(select(table))), key=repr)
            for name, table in sorted(metadata.tables.items())
        }
