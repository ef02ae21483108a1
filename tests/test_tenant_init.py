"""`copilot tenant init` (copilot/tenant_scaffold.py): the folder it writes, as docs/knowledge.md step 1 says."""

from __future__ import annotations

import yaml
from typer.testing import CliRunner

from copilot.cli import app
from copilot.taxonomy import load_taxonomy
from copilot.tenant_config import load_tenant_config


def test_init_writes_the_time_zone_currency_vocabulary_name_and_taxonomy_given_and_refuses_what_tenant_yaml_would(
        tmp_path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["tenant", "init", "spa", "--languages", "lo,en", "--timezone", "Asia/Vientiane",
                                 "--currency", "lak", "--vocabulary", "booking", "--identified-by", "phone",
                                 "--tenants-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    config = load_tenant_config(tmp_path / "spa")
    assert (config.timezone, config.currency, config.vocabulary) == ("Asia/Vientiane", "LAK", "booking")
    assert config.identifier == "phone"  # a booking is found by its number unless the business says otherwise
    assert config.high_value == {"LAK": 23_000_000}  # about 1000 EUR, not 1000 kip
    assert '# money: {sign: "₭", position: after}' in (tmp_path / "spa" / "tenant.yaml").read_text(encoding="utf-8")
    assert f"copilot tenant check spa --tenants-dir {tmp_path}`" in result.output  # the next step, as pasted
    result = runner.invoke(app, ["tenant", "init", "hub", "--languages", "hy,en", "--business", "Հաբ «Cowork»",
                                 "--taxonomy", "replace", "--tenants-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    config = load_tenant_config(tmp_path / "hub")
    assert (config.business, config.taxonomy) == ("Հաբ «Cowork»", "replace")
    # A replacing taxonomy starts from what every business needs, in its languages only: a greeting, the example FAQ
    # entry's intent, and the hand-offs: a complaint hands off as the default one does, when read surely.
    own = load_taxonomy(tmp_path / "hub" / "taxonomy")
    assert [(i.id, i.kind) for i in own.intents] == [("greeting", "greeting"), ("info", "answer"), ("refund", "escalate"),
                                                     ("human_request", "escalate"), ("complaint", "collect"),
                                                     ("legal", "escalate")]
    # what `order_id` in the hand-offs' required_fields asks for, with `identified_by` set
    assert "`identified_by`" in (tmp_path / "hub" / "taxonomy" / "intents.yaml").read_text(encoding="utf-8")
    complaint = own.get("complaint")
    assert (complaint.escalate_from, complaint.escalation_reason) == (0.5, "E-angry")
    assert {lang for i in own.intents for lang in i.examples} == {"hy", "en"}
    examples = [e.casefold() for i in own.intents for texts in i.examples.values() for e in texts]
    assert "i want my money back" in examples  # generic wording is kept, the demo bike shop's is not
    assert not [e for e in examples if "velo nord" in e or "helmet" in e or "bike" in e]
    assert not [e for e in examples if "+380" in e or "+374" in e]  # nor a country's phone number
    # nor its trade and towns: "is the workshop open on saturdays", "Գյումրիում մասնաճյուղ ունե՞ք, թե միայն Երևանում եք"
    assert not [e for e in examples if "workshop" in e or "test ride" in e or "kyiv" in e or "վարպետ" in e
                or "երևան" in e or "varpet" in e or "թեստ-դրայվ" in e]
    # nor in Russian and Ukrainian: its gear shifting after a service (ТО), a complaint about its Yerevan shop
    result = runner.invoke(app, ["tenant", "init", "sushi", "--languages", "uk,ru", "--taxonomy", "replace",
                                 "--tenants-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    slavic = [e for i in load_taxonomy(tmp_path / "sushi" / "taxonomy").intents for t in i.examples.values() for e in t]
    assert "верните деньги" in slavic and "ужасный сервис" in slavic
    assert not [e for e in slavic if " ТО " in e or "переключа" in e or "перемика" in e or "ереванск" in e
                or "київськ" in e]
    # nor its parts and repairs, in Lao too: "how many years warranty on the frame", "ເອົາເງິນຄ່າໝວກຄືນມາ" (the helmet)
    result = runner.invoke(app, ["tenant", "init", "silk", "--languages", "lo,en", "--taxonomy", "replace",
                                 "--tenants-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lao = [e for i in load_taxonomy(tmp_path / "silk" / "taxonomy").intents for e in i.examples["lo"]]
    assert "ຂໍເງິນຄືນ" in lao
    assert not [e for e in lao if "ໝວກ" in e or "ສ້ອມ" in e or "ທົດລອງຂີ່" in e or "ເບກ" in e or "ເກຍ" in e]
    assert not [e for e in examples if "frame" in e or "🚲" in e or "repair" in e]
    # A question the business adds in the style of the example's is still YAML, apostrophe and all.
    faq = tmp_path / "hub" / "knowledge" / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("en: ["))
    quote = line.split("[", 1)[1][0]
    faq.write_text(text.replace(line, line.replace("[", f"[{quote}what's on today{quote}, ", 1)), encoding="utf-8")
    entry = yaml.safe_load(faq.read_text(encoding="utf-8"))["entries"][0]
    assert entry["questions"]["en"][0] == "what's on today" and len(entry["questions"]["en"]) == 3
    assert not (tmp_path / "spa" / "taxonomy").exists()  # extending: the default intents, nothing to copy
    result = runner.invoke(app, ["tenant", "init", "bad", "--taxonomy", "merge", "--tenants-dir", str(tmp_path)])
    assert result.exit_code == 2 and "taxonomy" in result.output
    result = runner.invoke(app, ["tenant", "init", "bad", "--timezone", "Vientiane", "--tenants-dir", str(tmp_path)])
    assert result.exit_code == 2 and "timezone: 'Vientiane' is not an IANA timezone" in result.output
    result = runner.invoke(app, ["tenant", "init", "bad", "--identified-by", "passport", "--tenants-dir", str(tmp_path)])
    assert result.exit_code == 2 and "identified_by" in result.output
    assert not (tmp_path / "bad").exists()


def test_templates_prints_what_the_drafts_are_written_from_and_finds_a_word_to_reword(tmp_path) -> None:
    runner = CliRunner()
    env = {"COPILOT_TENANTS_DIR": str(tmp_path)}
    assert runner.invoke(app, ["tenant", "init", "net", "--languages", "en,lo"], env=env).exit_code == 0
    own = tmp_path / "net" / "templates"
    own.mkdir(exist_ok=True)
    (own / "en.yaml").write_text("language: en\ntopics: {order_status: your account}\n", encoding="utf-8")
    result = runner.invoke(app, ["tenant", "templates", "net", "--language", "en", "--word", "order"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # a text a customer reads with the word in it; not one where only a variable ("{% if order_id %}") has it
    assert any(x.startswith("en refund ask_missing ") for x in lines)
    assert not any(x.startswith("en * closing ") for x in lines)  # "Reference: {{ order_id }}"
    assert not any(x.startswith("lo ") for x in lines)
    everything = runner.invoke(app, ["tenant", "templates", "net", "--language", "en"], env=env).output.splitlines()
    assert "en topic order_status (yours): your account" in everything  # what the tenant's own file states
    assert any(x.startswith("en @book ask_missing ") for x in everything)  # what a booking intent of its own gets
    # a taxonomy of its own reaches only its intents' texts: no default order-status text to reword
    assert runner.invoke(app, ["tenant", "init", "pool", "--taxonomy", "replace"], env=env).exit_code == 0
    pool = runner.invoke(app, ["tenant", "templates", "pool", "--language", "en"], env=env).output.splitlines()
    assert any(x.startswith("en refund handoff ") for x in pool) and any(x.startswith("en * answer ") for x in pool)
    assert not any(" order_status" in x for x in pool) and any(" order_status " in x for x in everything)
    # a studio that finds clients by phone is never asked its order-number question: nothing there to reword
    assert runner.invoke(app, ["tenant", "init", "salon", "--vocabulary", "appointment"], env=env).exit_code == 0
    salon = runner.invoke(app, ["tenant", "templates", "salon", "--language", "en"], env=env).output.splitlines()
    assert any(x.startswith("en field order_id (not asked: identified_by phone asks the phone question):") for x in salon)
    assert any(x.startswith("en field order_id:") for x in everything)
    missing = runner.invoke(app, ["tenant", "templates", "nobody"], env=env)
    assert missing.exit_code == 2 and "no such tenant folder" in missing.output
