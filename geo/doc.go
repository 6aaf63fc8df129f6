// Package geo holds the boundaries the reports draw their maps from and the
// few geometric operations needed to derive them: a shared-arc topology of
// polygons (so that neighbouring areas keep one common border), Douglas–
// Peucker simplification of its arcs, dissolving areas into larger ones
// (municipalities into districts, districts into states), and a label
// point inside every area.
//
// The boundaries are derived from © GeoBasis-DE / BKG (2021),
// Verwaltungsgebiete 1:5 000 000 (VG5000), Stand 01.01.2021, licensed
// under the Datenlizenz Deutschland – Namensnennung – Version 2.0; see
// maps/SOURCES.md. They are embedded: one TopoJSON file per municipality
// register ("sachsen": its municipalities and districts; "deutschland":
// the districts and states of Germany), written by the program in
// ./derive (go generate).
//
// Points are longitude and latitude in degrees (WGS84). Exterior rings run
// counter-clockwise and holes clockwise, as RFC 7946 (GeoJSON) says. geo
// imports no package of this module; a Topology is immutable once loaded
// and safe for concurrent use.
package geo
