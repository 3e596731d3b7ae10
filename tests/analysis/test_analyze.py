"""networkx analysis: counts, connected groups, central entities."""
import subprocess
import sys
from pathlib import Path

from kg.analysis.summary import summarise


def test_central_entities_of_the_seed(seed_build):
    """On the seed article the Kazakh president and Kazakhstan are among the most connected entities,
    and every entity linked by a fact hangs together in one group."""
    summary = summarise(seed_build[0].to_networkx(), top=3)
    top = [r.label for r in summary.central]
    assert "Kassym-Jomart Tokayev" in top and "Kazakhstan" in top
    assert summary.components == 1 and summary.facts > 15 and summary.claims > 10
    assert summary.nodes_by_group["Person"] >= 5


def test_claims_and_events_are_not_ranked(seed_build):
    """Only entities are ranked, never a claim or an event."""
    summary = summarise(seed_build[0].to_networkx(), top=50)
    assert {r.group for r in summary.central} <= {"Person", "Organization", "Place", "Position", "Other"}


def test_cli_analyze(tmp_path):
    """`kg analyze FILE` prints the counts and the ranking."""
    seed = Path(__file__).resolve().parents[2] / "exports" / "seed.trig"
    out = subprocess.run([sys.executable, "-m", "kg", "analyze", str(seed), "--top", "2"],
                         capture_output=True, text=True, check=True, cwd=tmp_path).stdout.splitlines()
    assert out[0].startswith("nodes: ") and len([line for line in out if line.startswith("  ")]) == 2
