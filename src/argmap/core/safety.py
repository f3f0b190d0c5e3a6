"""Where argmap may write and what it may delete: the output-path rules.

* Everything a build writes lands inside `output/`. A symlink that would lead a
  write out of `output/` (`output/<map>` linked into `arguments/`, say) is
  refused, and so is `output` itself when it leads into `arguments/` or
  `seeds/` or holds them.
* A destination that exists must be a regular file (never a device, a FIFO, a
  folder or a symlink): it is replaced, never written through.
* The checks are made again at the moment of the rename, so a folder swapped
  for a symlink while the renderers ran is caught before anything is written.
* A manifest is data, not authority: a name it lists may be removed only when
  it is a plain relative path inside the map's own output folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location


class UnsafePath(ArgmapError):
    """A write argmap refuses; carries one E009 diagnostic."""

    def __init__(self, message: str, where: str, hint: str | None = None):
        super().__init__([Diagnostic("E009", message, Location(where), hint=hint)])


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def protected_folders(root: Path) -> list[Path]:
    return [_real(root / "arguments"), _real(root / "seeds")]


def check_output_root(output_dir: Path, root: Path, shown: str = "output") -> None:
    """`output/` (after symlinks) must not be, lie in, or hold arguments/ or seeds/,
    and must be a folder if it exists."""
    if output_dir.exists() and not output_dir.is_dir():
        raise UnsafePath(f"{shown} is not a folder", shown, hint=f"move the file {shown} away: argmap writes its outputs into the folder {shown}/")
    real = _real(output_dir)
    for folder in protected_folders(root):
        if _within(real, folder) or _within(folder, real):
            raise UnsafePath(
                f"{shown}/ leads to {real}, which is or holds {folder.name}/: argmap never writes there",
                shown,
                hint=f"make {shown} a plain folder (remove the symlink)",
            )


def check_inside_output(path: Path, output_dir: Path, shown: str) -> None:
    """`path` (a folder or file under output/) must, after symlinks, stay inside output/."""
    real_out = _real(output_dir)
    real = _real(path)
    if not _within(real, real_out):
        raise UnsafePath(
            f"{shown} leads out of output/ (to {real}); argmap writes only inside output/",
            shown,
            hint="remove the symlink; argmap makes the folders it needs",
        )


def check_destination(path: Path, shown: str | None = None) -> None:
    """An existing destination must be a regular file, not a symlink, device, FIFO or folder."""
    shown = shown or str(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # the rename itself will say what is wrong
    if stat.S_ISLNK(st.st_mode):
        raise UnsafePath(f"{shown} is a symbolic link; argmap replaces only regular files", shown,
                         hint="remove the link, or write to the file it points to")
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a device, pipe or socket"
        raise UnsafePath(f"{shown} is {kind}, not a regular file; argmap will not replace it", shown,
                         hint="choose a file name for the output")


def check_not_protected(path: Path, root: Path | None, shown: str | None = None) -> None:
    """The file at `path` (its folder after symlinks) must not lie in arguments/ or seeds/."""
    if root is None:
        return
    real = _real(path.parent) / path.name
    for folder in protected_folders(root):
        if _within(real, folder):
            raise UnsafePath(f"refusing to write into {folder.name}/: argmap never changes claim files or sources",
                             shown or str(path))


def safe_manifest_name(name: object) -> str | None:
    """A manifest entry as a safe relative file name, or None when it is not one."""
    if not isinstance(name, str) or not name or "\0" in name or "\\" in name:
        return None
    pure = PurePosixPath(name)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return pure.as_posix()


def removable(out_dir: Path, name: str) -> Path | None:
    """The file `out_dir/name` if argmap may delete it: a safe name, a regular
    file (not a link), whose real folder is inside `out_dir`."""
    if safe_manifest_name(name) is None:
        return None
    target = out_dir / name
    try:
        st = os.lstat(target)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    if not _within(_real(target.parent), _real(out_dir)):
        return None
    return target
