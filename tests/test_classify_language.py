"""Language of a message: script first, then Simplified vs Traditional, then English vs other
Latin-script languages by their function words."""

from __future__ import annotations

import pytest

from bot.classify.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我的快递三天了还没到", "zh-Hans"),
        ("我的包裹三天了還沒到，客服也不回", "zh-Hant"),
        ("件貨三日都未到，你哋搞咩呀", "zh-Hant"),
        ("my parcel still hasn't arrived", "en"),
        ("I want my money back, la la la", "en"),
        ("Order #A123 refund pls", "en"),
        # no accented letter, yet plainly not English
        ("Voce pode me ajudar? O pedido nao chegou, vou cancelar", "other"),
        ("Hola, quiero cancelar mi pedido por favor", "other"),
        ("Bonjour, je veux annuler ma commande", "other"),
        ("Hallo, ich habe meine Bestellung noch nicht bekommen", "other"),
        ("Saya belum terima barang dan tidak ada kabar", "other"),
        ("荷物がまだ届きません", "other"),
        ("배송이 아직 안 왔어요", "other"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert detect_language(text)[0] == language
