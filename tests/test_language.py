import pytest

from copilot.language import detect_language, reply_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi, where is my order? it's been a week", "en"),
        ("can i return a helmet if it doesnt fit", "en"),
        ("где мой заказ", "ru"),
        ("сколько стоит доставка в Ереван", "ru"),
        ("добрый день", "ru"),
        ("цена?", "ru"),
        ("де моє замовлення", "uk"),
        ("коли буде доставка", "uk"),
        ("добрий день", "uk"),
        ("скільки коштує", "uk"),
        ("Дякую", "uk"),
        ("ціна?", "uk"),
        ("Որտե՞ղ է իմ պատվերը", "hy"),
        ("բարև ձեզ, ինչ արժե հեծանիվը", "hy"),
        ("ສິນຄ້າຂອງຂ້ອຍຢູ່ໃສ", "lo"),
        ("ລາຄາເທົ່າໃດ", "lo"),
    ],
)
def test_detects_the_five_product_languages_on_short_messages(text: str, expected: str) -> None:
    guess = detect_language(text)
    assert guess is not None and guess.code == expected


def test_russian_and_ukrainian_are_told_apart_without_distinctive_letters() -> None:
    assert detect_language("когда будет доставка")
    assert detect_language("когда будет доставка").code == "ru"
    assert detect_language("коли буде доставка").code == "uk"
    # no word of either list but the preposition: lingua alone leans Ukrainian (0.47 against 0.43)
    assert detect_language("дайте номер директора, хочу с ним лично поговорить").code == "ru"
    assert detect_language("дайте номер директора, хочу з ним особисто поговорити").code == "uk"


def test_text_without_letters_has_no_language() -> None:
    assert detect_language("12345 !!") is None


def test_stated_language_wins_over_detection() -> None:
    guess = reply_language("uk", ["where is my order"])
    assert (guess.code, guess.method) == ("uk", "stated")


def test_a_message_too_short_to_tell_falls_back_to_earlier_messages() -> None:
    guess = reply_language(None, ["де моє замовлення, чекаю вже тиждень", "ok"])
    assert guess.code == "uk"


@pytest.mark.parametrize(
    "text",
    ["where is my order? it's been a week", "I want my money back for order A-10234",
     "Can you tell me the price of the City 3 bike?", "It’s still not here, any news about delivery?"],
)
def test_plain_english_is_told_by_its_words_without_a_model(text: str) -> None:
    guess = detect_language(text)
    assert guess is not None and (guess.code, guess.method) == ("en", "en-words")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # at most one English-only word, or letters English has not: lingua decides, as before
        ("Guten Tag, wie viel kostet der Flughafentransfer für zwei Personen?", "de"),
        ("Saya mau refund, pesanan saya belum sampai", "id"),
        ("Hoe laat zijn jullie vandaag open?", "nl"),
        ("Il mio ordine non e ancora arrivato, per favore aiutatemi", "it"),
        ("Quiero devolver la bicicleta, no me queda bien", "es"),
        # German typed without umlauts shares words with romanised Russian and Armenian ("mit", "der")
        ("kann ich mit karte zahlen?", "de"),
        ("kommt der kurier heute?", "de"),
        ("ist der helm wasserdicht?", "de"),
    ],
)
def test_other_latin_languages_are_not_taken_for_english_or_a_romanised_one(text: str, expected: str) -> None:
    guess = detect_language(text)
    assert guess is not None and guess.code == expected and guess.method == "lingua"


@pytest.mark.parametrize(("text", "code"), [
    ("Royal Canin Mini Adult 4 кг почем у вас?", "ru"),  # more Latin letters (the brand) than Cyrillic
    ("Samsung Galaxy A54 заміна екрану скільки?", "uk"),
    ("ປ່ຽນຈໍ iPhone 13 Pro Max ເທົ່າໃດ", "lo"),
    ("Sony PlayStation 5 Digital Edition ունե՞ք", "hy"),
    ("do you have the Bosch drill? спасибо", "en"),  # an English sentence with a Russian thank-you
])
def test_names_in_latin_letters_do_not_outvote_the_sentence_around_them(text: str, code: str) -> None:
    assert detect_language(text).code == code
