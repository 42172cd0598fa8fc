import subprocess
import sys


def test_the_trellis_script_maps_hyphenated_names_to_commands(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "trellis.cli", "load-topics", "--help"],
        capture_output=True,
        text=True,
        env={"TRELLIS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Load the topic vocabulary" in result.stdout
