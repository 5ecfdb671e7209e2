"""Pure ABK domain logic (docs/domain.md): validation, the four methods, regimes, rounding, consolidation.

No I/O and no Prefect: the flows hand in a Submission and Rules and get results with their trace.
"""
from calculators.assess import assess, position, rejected
from calculators.config import ConfigError, rules_from_config
from calculators.consolidation import consolidate, selisih
from calculators.efficiency import band, efisiensi
from calculators.explain import explain
from calculators.rounding import round_need
from calculators.structure import jenis_jabatan
from calculators.supersession import Versions

__all__ = ["assess", "position", "rejected", "ConfigError", "rules_from_config", "consolidate", "selisih",
           "band", "efisiensi", "explain", "round_need", "jenis_jabatan", "Versions"]
