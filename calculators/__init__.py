"""Pure ABK domain logic (domain.md): validation, the four methods, regimes, rounding, consolidation.

No I/O and no Prefect: the flows hand in a Submission and Rules and get results with their trace.
"""
from calculators.assess import assess, position, rejected
from calculators.config import InvalidConfig, rules_from_config
from calculators.consolidation import consolidate, selisih
from calculators.efficiency import band, efisiensi
from calculators.explain import explain
from calculators.rounding import round_need
from calculators.structure import jenis_jabatan

__all__ = ["assess", "position", "rejected", "InvalidConfig", "rules_from_config", "consolidate", "selisih",
           "band", "efisiensi", "explain", "round_need", "jenis_jabatan"]
