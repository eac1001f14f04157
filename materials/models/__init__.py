"""The materials app's data: the catalog (materials, editions) and orders.

Split by feature so each module stays readable; import from ``materials.models``.
"""

from materials.models.catalog import Audience, Edition, Kind, Language, Material, OrderingPolicy
from materials.models.drafts import MaterialDraft, MaterialDraftEvent, MaterialDraftFile
from materials.models.orders import (
    Order,
    OrderItem,
    OrderStatusChange,
    OrganizationType,
)
from materials.models.stock import StockMovement

__all__ = [
    "Audience",
    "Edition",
    "Kind",
    "Language",
    "Material",
    "MaterialDraft",
    "MaterialDraftEvent",
    "MaterialDraftFile",
    "Order",
    "OrderItem",
    "OrderStatusChange",
    "OrderingPolicy",
    "OrganizationType",
    "StockMovement",
]
