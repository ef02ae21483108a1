"""The demo bike shop's trade, as the default taxonomy's examples speak of it: words another business's customers
do not use every day, however often the default examples do."""

from __future__ import annotations

import re

# The demo bike shop's trade in the default examples ("is the workshop open on saturdays", "can i get my test ride
# deposit back", "how many years warranty on the frame", "ເອົາເງິນຄ່າໝວກຄືນມາ": the helmet): a clinic or a cooking
# school would have to find and reword each one.
DEMO_TRADE = re.compile(r"bike|велик|вело|workshop|mechanic|мастер|майстер|майстр|test ride|тест-драйв|հեծանիվ"
                        r"|արհեստանոց|վարպետ|ລົດຖີບ|ຊ່າງ|🚲|frame|\bрам[уаые]\b|ռամա|brake|тормоз|гальм|ເບກ|արգելակ"
                        r"|helmet|шлем|шолом|ໝວກ|սաղավարտ|gears?\b|repair|ремонт|ສ້ອມ|վերանորոգ|ຂີ່|(?:ຊື້|ສົ່ງ|ເອົາ)ລົດ"
                        # its gear shifting and service ("после вашего так называемого ТО передачи переключаются",
                        # "ເຊີວິດແລ້ວ ເກຍແຍ່ກວ່າເກົ່າອີກ"), its wheels, romanised masters, test drives and shops' towns
                        r"|переключ|перемика|(?-i:\bТО\b)|ເກຍ|ລໍ້|varpet|թեստ-դրայվ|ереванск|київськ|киевск",
                        re.IGNORECASE)
