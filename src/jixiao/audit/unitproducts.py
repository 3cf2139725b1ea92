"""The words of "quantity × standard per unit = amount" (``data/unit_products.yaml``), read by both rules that check
it: ``per_unit_product`` (a sentence, jixiao.audit.rules.products) and ``table_product`` (a table's rows,
jixiao.audit.rules.table_product)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Product:
    per: tuple[str, ...]  # the units a standard may be stated per, which also count its quantity; per[0] names it
    quantity: tuple[str, ...]  # header words of a quantity column
    standard: tuple[str, ...]  # header words of a standard column ("每亩", "亩均", "元/亩" …)

    @property
    def unit(self) -> str:
        return self.per[0]


@dataclass(frozen=True)
class UnitProducts:
    products: tuple[Product, ...]
    standard_any: tuple[str, ...]  # a standard column's words when its table has one quantity column of a product
    amount: tuple[str, ...]  # an amount column's words

    def table_products(self) -> tuple[Product, ...]:
        """The products a table's columns may show (those with quantity header words)."""
        return tuple(p for p in self.products if p.quantity)

    @cached_property
    def counted(self) -> dict[str, tuple[str, ...]]:
        """Each unit a standard may be stated per ("人") and the figure units that count it ("人", "名")."""
        return {u: p.per for p in self.products for u in p.per}


@cache
def unit_products() -> UnitProducts:
    text = resources.files("jixiao.audit.data").joinpath("unit_products.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    forms = tuple(map(str, data["standard"]))
    products = []
    for p in data["products"]:
        per = tuple(map(str, p["per"]))
        standard = tuple(f.format(unit=u) for u in per for f in forms)
        products.append(Product(per, tuple(map(str, p["quantity"] or ())), standard))
    return UnitProducts(tuple(products), tuple(map(str, data["standard_any"])), tuple(map(str, data["amount"])))
